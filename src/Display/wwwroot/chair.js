// Longer than 300 lines on purpose: one screen drawn from one snapshot, whose parts share the page's state (the row
// being dragged, the statements ticked for an answer, the undo list open). What other pages use is in common.js.
// Chair tablet: every button sends one hub command; the screen only ever draws the server's snapshot.
"use strict";

(async function () {
  const { $, el, setText } = MA;
  // Without ?m= the tablet follows the meeting on the hall's screens; the picker opens another one.
  const { session, alertBox, pageMeeting } = await MA.startStaffPage(["chair", "admin"], { picker: true });

  let snapshot = null;
  let pendingSnapshot = null;
  let dragging = null;
  let busy = false;

  const live = MA.connectMeeting(pageMeeting, (s) => {
    // Another meeting: choices made for the previous one (statements ticked, rows opened) do not carry over.
    if (snapshot && snapshot.meetingId !== s.meetingId) {
      expanded.clear();
      about = null;
    }
    // Redrawing the queue under a finger would drop the row being dragged: wait for the drop.
    if (dragging) pendingSnapshot = s;
    else render(s);
  });

  async function run(name, ...args) {
    if (busy) return;
    busy = true;
    try {
      await live.command(name, ...args);
      MA.alert(alertBox, "");
    } catch (e) {
      MA.alert(alertBox, e.message);
    } finally {
      busy = false;
    }
  }

  const on = (id, handler) => $(id).addEventListener("click", handler);
  on("#start", () => run("StartMeeting"));
  on("#end", async () => {
    if (await MA.confirm("Kết thúc hội nghị? Sau khi kết thúc sẽ không thể mời phát biểu nữa.", "Kết thúc hội nghị")) run("EndMeeting");
  });
  on("#next-agenda", () => run("NextAgendaItem"));
  on("#toggle-list", () => run(snapshot && snapshot.listOpen ? "CloseList" : "ReopenList"));
  on("#pause", () => run(snapshot && snapshot.floor && snapshot.floor.runningSinceMs ? "PauseTimer" : "ResumeTimer"));
  on("#plus30", () => run("ExtendTime", 30));
  on("#plus60", () => run("ExtendTime", 60));
  on("#end-turn", () => run("EndTurn"));
  on("#give-next", () => run("GiveFloor", null));
  on("#call-responder", () => {
    const id = parseInt($("#responder").value, 10);
    const error = $("#answer-error");
    if (!id) {
      // No one is chosen for the chair: the wrong department answering is worse than one more tap.
      setText(error, "Hãy chọn người trả lời trong danh sách trước.");
      error.hidden = false;
      $("#responder").focus();
      return;
    }
    const requestIds = snapshot && snapshot.answerable ? [...(about ? about.chosen : [])] : null;
    if (requestIds && snapshot.answerable.length > 0 && requestIds.length === 0) {
      setText(error, "Hãy đánh dấu ít nhất một ý kiến cần trả lời.");
      error.hidden = false;
      return;
    }
    error.hidden = true;
    run("CallResponder", id, requestIds && requestIds.length ? requestIds : null);
  });
  $("#responder").addEventListener("change", () => ($("#answer-error").hidden = true));
  on("#chair-floor", () => run("ChairTakesFloor"));
  on("#follow-up", () => {
    const pick = $("#follow-up-pick");
    const chosen = !$("#follow-up-pick-row").hidden ? parseInt(pick.value, 10) : NaN;
    run("GiveFollowUp", Number.isFinite(chosen) ? chosen : null);
  });
  on("#undo", () => run("Undo"));
  on("#undo-other", () => {
    renderUndoList();
    $("#undo-dialog").showModal();
  });
  on("#on-screen", () => run("PutOnScreen"));
  on("#captions", () => run("SetCaptions", !(snapshot && snapshot.captionsEnabled)));

  function render(s) {
    snapshot = s;
    ChairPetitions.onSnapshot(s);
    const inProgress = s.status === "InProgress";
    const floor = s.floor;
    const free = inProgress && !floor;
    setText("#title", s.meeting.title);
    const state = $("#state");
    state.dataset.status = s.status;
    setText(state, s.statusLabel);
    $("#start").hidden = s.status !== "Preparing";
    $("#end").hidden = !inProgress;
    $("#end").disabled = !!floor;
    setText("#agenda", s.agenda[s.agendaIndex] || "");
    const nextItem = s.agenda[s.agendaIndex + 1];
    setText("#agenda-next", nextItem ? "Tiếp theo: " + nextItem : "Nội dung cuối của chương trình");
    $("#next-agenda").disabled = !inProgress || !nextItem;
    setText("#toggle-list", s.listOpen ? "Đóng danh sách" : "Mở lại danh sách");
    $("#toggle-list").disabled = s.status === "Ended";
    const captions = $("#captions");
    captions.setAttribute("aria-pressed", String(!!s.captionsEnabled));
    setText(captions, s.captionsEnabled ? "Phụ đề: Bật" : "Phụ đề: Tắt");

    if (floor) {
      setText("#kind", floor.kindLabel);
      setText("#name", floor.speaker.name);
      setText("#detail", MA.speakerDetail(floor.speaker));
      setText("#topic", floor.topic || "");
      const request = floor.requestId ? (s.finished || []).find((r) => r.requestId === floor.requestId) : null;
      // An answer names the statements it covers; for a statement or a reply the speaker already says it.
      const answers = floor.kind === "Answer" ? (floor.answersNames || []).filter(Boolean) : [];
      setText(
        "#turn-meta",
        [answers.length ? `Trả lời ý kiến của: ${answers.join(", ")}` : "", requestMeta({ field: floor.field, note: request ? request.note : null, petition: floor.petition })]
          .filter(Boolean)
          .join(" · ")
      );
    } else {
      setText("#kind", s.status === "Ended" ? "Hội nghị đã kết thúc" : s.status === "Preparing" ? "Hội nghị chưa bắt đầu" : "Chưa có ai phát biểu");
      setText("#name", "");
      setText("#detail", "");
      setText("#topic", "");
      setText("#turn-meta", "");
    }
    setText("#pause", floor && !floor.runningSinceMs ? "Tiếp tục" : "Tạm dừng");
    $("#pause").disabled = !floor;
    $("#plus30").disabled = $("#plus60").disabled = !floor || !floor.allottedMs;
    $("#end-turn").disabled = !floor;
    $("#give-next").disabled = !free || s.queue.length === 0;

    // After a statement that has not been answered, the expected next step is the answer: it becomes the big button.
    const answerable = s.answerable || null;
    const waitingForAnswer = answerable ? answerable.some((a) => a.sinceLastAnswer) : !!s.thread && !s.thread.answered;
    const expectAnswer = free && waitingForAnswer;
    $("#steps").classList.toggle("expect-answer", expectAnswer);
    for (const [id, main] of [["#give-next", !expectAnswer], ["#call-responder", expectAnswer]]) {
      $(id).classList.toggle("primary", main);
      $(id).classList.toggle("c-big", main);
    }

    const select = $("#responder");
    const chosen = select.value;
    const responders = s.responders || [];
    // Nobody is chosen in advance: the first name of a list is rarely the department a citizen asked.
    select.replaceChildren(
      el("option", { value: "", text: responders.length ? "— Chọn người trả lời —" : "Chưa có người trả lời (thêm trong Thiết lập)" }),
      ...responders.map((r) => el("option", { value: String(r.personId), text: r.title ? `${r.name} – ${r.title}` : r.name }))
    );
    select.value = responders.some((r) => String(r.personId) === chosen) ? chosen : "";
    const anythingToAnswer = answerable ? answerable.length > 0 : !!s.thread;
    $("#call-responder").disabled = !free || !anythingToAnswer || responders.length === 0;
    $("#chair-floor").disabled = !free;
    renderAbout(s, free);

    // A follow-up belongs to a statement the latest answer covered; with several, the chair says whose.
    const candidates = s.followUpCandidates || null;
    const canFollowUp = candidates ? candidates.length > 0 : !!s.thread && s.thread.answered;
    $("#follow-up").disabled = !free || !canFollowUp;
    const pickRow = $("#follow-up-pick-row");
    pickRow.hidden = !candidates || candidates.length < 2 || !free;
    if (!pickRow.hidden) {
      const pick = $("#follow-up-pick");
      const was = pick.value;
      pick.replaceChildren(...candidates.map((c) => el("option", { value: String(c.requestId), text: c.name })));
      if (candidates.some((c) => String(c.requestId) === was)) pick.value = was;
    }
    setText("#thread", s.thread ? `Ý kiến đang giải quyết: ${s.thread.citizenName} – ${s.thread.topic}` : "");
    // The checklist of statements already says which are being answered.
    $("#thread").hidden = !$("#about").hidden;

    renderUndo(s);
    // The chair puts this meeting on the hall's screens; once it is there the button is not needed.
    $("#on-screen").hidden = s.onScreen !== false;

    renderQueue(s, free);
    renderFinished(s);
    tick();
  }

  // ---- Which statements an answer covers ----
  // Ticked by default: the statements since the last answer. The chair's own ticks stay until a new statement
  // changes that default.
  let about = null; // { basis: "ids of the default", chosen: Set of request ids }

  function renderAbout(s, free) {
    const answerable = s.answerable || [];
    const box = $("#about");
    box.hidden = !free || answerable.length === 0;
    const defaults = answerable.filter((a) => a.sinceLastAnswer).map((a) => a.requestId);
    const basis = defaults.join(",");
    if (!about || about.basis !== basis) about = { basis, chosen: new Set(defaults) };
    for (const id of [...about.chosen]) if (!answerable.some((a) => a.requestId === id)) about.chosen.delete(id);
    $("#about-list").replaceChildren(
      ...answerable.map((a) =>
        el(
          "label",
          { class: "c-about-item" },
          el("input", {
            type: "checkbox",
            value: String(a.requestId),
            checked: about.chosen.has(a.requestId),
            onchange: (e) => {
              if (e.target.checked) about.chosen.add(a.requestId);
              else about.chosen.delete(a.requestId);
              $("#answer-error").hidden = true;
            },
          }),
          el(
            "span",
            {},
            el("span", { class: "c-about-text", text: `${a.name}${a.affiliation ? " – " + a.affiliation : ""}: ${a.topic}` }),
            a.answeredBy && a.answeredBy.length ? el("small", { text: "Đã trả lời: " + a.answeredBy.join(", ") }) : null
          )
        )
      )
    );
  }

  // ---- Undo: one's own last action; someone else's only when chosen on purpose ----

  function undoOptions(s) {
    const all = s.undo || [];
    return { mine: all.find((u) => u.actor === session.userName) || null, others: all.filter((u) => u.actor !== session.userName) };
  }

  function renderUndo(s) {
    const undo = $("#undo");
    if (!s.undo) {
      // A server without per-person undo still sends one label.
      undo.disabled = !s.undoLabel;
      setText(undo, s.undoLabel ? "Hoàn tác: " + s.undoLabel : "Hoàn tác");
      $("#undo-other").hidden = true;
      return;
    }
    const { mine, others } = undoOptions(s);
    undo.disabled = !mine;
    setText(undo, mine ? `Hoàn tác: ${mine.label} (${MA.ago(mine.atMs)})` : "Hoàn tác (bạn chưa có thao tác nào để hoàn tác)");
    $("#undo-other").hidden = others.length === 0;
    if ($("#undo-dialog").open) renderUndoList();
  }

  function renderUndoList() {
    const { others } = undoOptions(snapshot || {});
    $("#undo-list").replaceChildren(
      ...(others.length
        ? others.map((u) =>
            el(
              "li",
              {},
              el("div", {}, el("strong", { text: `${u.actorLabel}: ${u.label}` }), el("span", { text: MA.ago(u.atMs) })),
              el("button", {
                type: "button",
                class: "danger",
                text: "Hoàn tác",
                "aria-label": `Hoàn tác của ${u.actorLabel}: ${u.label}`,
                onclick: async () => {
                  $("#undo-dialog").close();
                  if (await MA.confirm(`Hoàn tác thao tác của ${u.actorLabel}: ${u.label}?`, "Hoàn tác")) run("UndoOf", u.seq);
                },
              })
            )
          )
        : [el("li", { class: "muted", text: "Không có thao tác nào của người khác để hoàn tác." })])
    );
  }

  /** The desk's field, note and the petition named on the slip, for the chair's eyes only. */
  function requestMeta(r) {
    const petition = r.petition ? `Kiến nghị số ${r.petition.id}: ${r.petition.petitioner} – ${r.petition.content}` : "";
    return [r.field ? "Lĩnh vực: " + r.field : "", r.note ? "Ghi chú: " + r.note : "", petition].filter(Boolean).join(" · ");
  }

  // Rows the chair opened to read in full stay open across redraws.
  const expanded = new Set();

  function who(r) {
    const open = expanded.has(r.requestId);
    const meta = requestMeta(r);
    return el(
      "button",
      {
        type: "button",
        class: "c-who",
        "aria-expanded": String(open),
        title: "Chạm để xem đầy đủ hoặc thu gọn",
        onclick: (e) => {
          const now = !expanded.has(r.requestId);
          if (now) expanded.add(r.requestId);
          else expanded.delete(r.requestId);
          e.currentTarget.setAttribute("aria-expanded", String(now));
        },
      },
      el("strong", { text: r.speaker.name }),
      MA.speakerDetail(r.speaker) ? el("span", { class: "c-who-detail", text: MA.speakerDetail(r.speaker) }) : null,
      el("span", { class: "c-who-topic", text: r.topic }),
      meta ? el("span", { class: "c-who-meta", text: meta }) : null
    );
  }

  function renderQueue(s, free) {
    const list = $("#queue");
    list.replaceChildren(
      ...s.queue.map((r, index) =>
        el(
          "li",
          { "data-request": String(r.requestId) },
          el("button", {
            type: "button",
            class: "c-handle",
            "aria-label": `Đổi thứ tự: ${r.speaker.name}, đang ở vị trí ${index + 1}`,
            text: "≡",
            onpointerdown: (e) => startDrag(e, r.requestId),
            onkeydown: (e) => keyMove(e, r.requestId, index, s.queue.length),
          }),
          el("span", { class: "c-pos", text: String(index + 1) }),
          who(r),
          el(
            "div",
            { class: "c-actions" },
            el("button", { type: "button", class: "primary", text: "Mời", disabled: !free, "aria-label": `Mời phát biểu: ${r.speaker.name}`, onclick: () => run("GiveFloor", r.requestId) }),
            el("button", {
              type: "button",
              text: "Bỏ qua",
              "aria-label": `Bỏ qua: ${r.speaker.name}`,
              onclick: async () => {
                if (await MA.confirm(`Bỏ qua lượt đăng ký của ${r.speaker.name}?`, "Bỏ qua")) run("SkipRequest", r.requestId);
              },
            })
          )
        )
      )
    );
    setText("#queue-count", String(s.queue.length));
    $("#queue-empty").hidden = s.queue.length > 0;
  }

  function renderFinished(s) {
    const done = (s.finished || []).slice().reverse();
    $("#finished").replaceChildren(
      ...done.map((r) =>
        el(
          "li",
          {},
          who(r),
          el("span", { class: "tag", text: r.statusLabel }),
          r.status === "Skipped" || r.status === "Withdrawn"
            ? el("button", { type: "button", text: "Đưa lại", "aria-label": `Đưa lại vào danh sách: ${r.speaker.name}`, onclick: () => run("RequeueRequest", r.requestId) })
            : el("span")
        )
      )
    );
    setText("#finished-count", String(done.length));
  }

  function keyMove(e, requestId, index, count) {
    const target = e.key === "ArrowUp" ? index - 1 : e.key === "ArrowDown" ? index + 1 : -1;
    if (target < 0 || target >= count) return;
    e.preventDefault();
    run("MoveRequest", requestId, target).then(() => {
      const handle = $(`#queue li[data-request="${requestId}"] .c-handle`);
      if (handle) handle.focus();
    });
  }

  // Touch reorder with pointer events: the row follows the finger; where it is released decides the new place.
  function startDrag(e, requestId) {
    if (e.pointerType === "mouse" && e.button !== 0) return;
    const handle = e.currentTarget;
    const row = handle.closest("li");
    const rows = [...$("#queue").children];
    const others = rows.filter((r) => r !== row).map((r) => {
      const rect = r.getBoundingClientRect();
      return { row: r, mid: rect.top + rect.height / 2 };
    });
    dragging = { requestId, row, startY: e.clientY, from: rows.indexOf(row), others, target: rows.indexOf(row) };
    handle.setPointerCapture(e.pointerId);
    row.classList.add("dragging");
    e.preventDefault();

    const move = (ev) => {
      const dy = ev.clientY - dragging.startY;
      row.style.transform = `translateY(${dy}px)`;
      dragging.target = dragging.others.filter((o) => o.mid < ev.clientY).length;
      for (const o of dragging.others) o.row.classList.remove("drop-before", "drop-after");
      if (dragging.target !== dragging.from && dragging.others.length) {
        const marker = dragging.others[Math.min(dragging.target, dragging.others.length - 1)];
        marker.row.classList.add(dragging.target < dragging.others.length ? "drop-before" : "drop-after");
      }
    };
    const finish = (ev) => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", finish);
      handle.removeEventListener("pointercancel", finish);
      const { target, from } = dragging;
      row.classList.remove("dragging");
      row.style.transform = "";
      for (const o of dragging.others) o.row.classList.remove("drop-before", "drop-after");
      dragging = null;
      const cancelled = ev.type === "pointercancel";
      if (pendingSnapshot) {
        render(pendingSnapshot);
        pendingSnapshot = null;
      }
      if (!cancelled && target !== from) run("MoveRequest", requestId, target);
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", finish);
    handle.addEventListener("pointercancel", finish);
  }

  function tick() {
    const timer = $("#timer");
    const c = snapshot && snapshot.floor ? MA.countdown(snapshot.floor) : null;
    const state = c ? c.state : "idle";
    if (timer.dataset.state !== state) timer.dataset.state = state;
    setText("#timer-value", c ? c.text : "–:––");
    $("#paused").hidden = !(c && c.paused);
  }

  MA.tick(tick);
  // "2 phút trước" must keep counting while nothing else changes.
  setInterval(() => snapshot && !dragging && renderUndo(snapshot), 10000);
})();
