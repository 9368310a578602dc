// Desk: a paper slip must be entered in seconds, from the keyboard alone.
"use strict";

(async function () {
  const { $, el, setText } = MA;
  // Without ?m= the desk follows the meeting on the hall's screens; the picker opens another one.
  const { session, alertBox, pageMeeting } = await MA.startStaffPage(["desk", "chair", "admin"], { picker: true });

  $("#fields").replaceChildren(...MA.fields.map((f) => el("option", { value: f })));

  const form = $("#slip");
  const nameInput = $("#name");
  const list = $("#suggestions");
  let known = null; // the person picked from the suggestions, if any
  let suggestions = [];
  let active = -1;
  let searchSeq = 0;
  let searchTimer = null;

  let snapshot = null;
  const live = MA.connectMeeting(pageMeeting, render);
  const petition = DeskPetitions.attach(() => live.meetingId);

  // ---- Suggestions (combobox) --------------------------------------------------------------------

  function showSuggestions(items) {
    suggestions = items;
    active = -1;
    list.replaceChildren(
      ...items.map((p, i) =>
        el(
          "li",
          {
            id: `sugg-${i}`,
            role: "option",
            "aria-selected": "false",
            onmousedown: (e) => {
              e.preventDefault();
              pick(i);
            },
          },
          p.name,
          el("span", { text: [p.title, p.affiliation].filter(Boolean).join(" – ") })
        )
      )
    );
    const open = items.length > 0;
    list.hidden = !open;
    nameInput.setAttribute("aria-expanded", String(open));
    nameInput.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    active = index;
    [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
    if (index >= 0) {
      nameInput.setAttribute("aria-activedescendant", `sugg-${index}`);
      list.children[index].scrollIntoView({ block: "nearest" });
    } else nameInput.removeAttribute("aria-activedescendant");
  }

  function pick(index) {
    const p = suggestions[index];
    if (!p) return;
    known = p;
    nameInput.value = p.name;
    $("#affiliation").value = p.affiliation || "";
    setText("#known", `Người đã có trong danh sách: ${p.name}${p.affiliation ? " – " + p.affiliation : ""}`);
    showSuggestions([]);
    $("#topic").focus();
  }

  nameInput.addEventListener("input", () => {
    if (known && nameInput.value !== known.name) {
      known = null;
      setText("#known", "");
    }
    clearTimeout(searchTimer);
    const q = nameInput.value.trim();
    if (q.length < 2) {
      showSuggestions([]);
      return;
    }
    searchTimer = setTimeout(async () => {
      const seq = ++searchSeq;
      try {
        const people = await MA.api("/api/people?q=" + encodeURIComponent(q));
        // Only the latest search may draw: answers can come back out of order.
        if (seq === searchSeq && document.activeElement === nameInput) showSuggestions(people.slice(0, 8));
      } catch {
        /* suggestions are a convenience; typing continues without them */
      }
    }, 120);
  });

  nameInput.addEventListener("keydown", (e) => {
    if (list.hidden) return;
    MA.suggestionKeys(e, {
      count: () => suggestions.length,
      active: () => active,
      highlight,
      pick,
      close: () => showSuggestions([]),
    });
  });
  nameInput.addEventListener("blur", () => setTimeout(() => showSuggestions([]), 150));

  // ---- Submit --------------------------------------------------------------------------------------

  let saving = false;
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (saving) return;
    const input = {
      personId: known ? known.id : null,
      name: nameInput.value.trim(),
      affiliation: $("#affiliation").value.trim(),
      topic: $("#topic").value.trim(),
      field: $("#field").value.trim() || null,
      note: $("#note").value.trim() || null,
      petitionId: petition.id(),
    };
    if (!input.name) {
      MA.alert(alertBox, "Chưa nhập họ và tên người phát biểu.");
      nameInput.focus();
      return;
    }
    if (!input.topic) {
      MA.alert(alertBox, "Chưa nhập nội dung phát biểu.");
      $("#topic").focus();
      return;
    }
    if (petition.problem()) {
      MA.alert(alertBox, petition.problem());
      petition.focus();
      return;
    }
    saving = true;
    try {
      await live.command("Register", input);
      MA.alert(alertBox, "");
      setText("#done", `Đã đăng ký: ${input.name}`);
      // The reset handler below clears the rest and puts the cursor back on the name for the next slip.
      form.reset();
    } catch (err) {
      MA.alert(alertBox, err.message);
    } finally {
      saving = false;
    }
  });

  // Runs after the browser has emptied the fields (by "Xóa" or after a save). It must never call form.reset()
  // itself: that fires "reset" again, and the form would keep clearing whatever is typed next.
  function afterReset() {
    known = null;
    setText("#known", "");
    showSuggestions([]);
    petition.clear();
    nameInput.focus();
  }
  // The event comes before the fields are emptied; the next task sees them empty.
  form.addEventListener("reset", () => setTimeout(afterReset));

  // ---- Lists ---------------------------------------------------------------------------------------

  async function act(name, ...args) {
    try {
      await live.command(name, ...args);
    } catch (e) {
      MA.alert(alertBox, e.message);
    }
  }

  function line(r) {
    return el(
      "div",
      {},
      el("strong", { text: r.speaker.name + (r.speaker.affiliation ? " – " + r.speaker.affiliation : "") }),
      el("small", { text: [r.topic, r.field].filter(Boolean).join(" · ") })
    );
  }

  // Lists are redrawn from every snapshot. A clerk working from the keyboard must keep their place: the same
  // button on the same request, or on the request that moved up into its row, or else back to the name field.
  function focusedSpot(list) {
    const active = document.activeElement;
    if (!active || !active.dataset.action || !list.contains(active)) return null;
    const row = active.closest("li");
    return { action: active.dataset.action, requestId: row.dataset.request, index: [...list.children].indexOf(row) };
  }

  function restoreFocus(list, spot) {
    if (!spot) return;
    const rows = [...list.children];
    const row = rows.find((r) => r.dataset.request === spot.requestId) || rows[Math.min(spot.index, rows.length - 1)];
    const target = row && row.querySelector(`[data-action="${spot.action}"]`);
    (target || nameInput).focus();
  }

  // ---- Undo: the desk's own latest action ----

  function renderUndo(s) {
    const mine = (s.undo || []).find((u) => u.actor === session.userName);
    const undo = $("#undo");
    undo.hidden = !mine;
    if (mine) setText(undo, `Hoàn tác: ${mine.label} (${MA.ago(mine.atMs)})`);
  }
  $("#undo").addEventListener("click", () => act("Undo"));
  setInterval(() => snapshot && renderUndo(snapshot), 10000);

  function render(s) {
    snapshot = s;
    renderUndo(s);
    setText("#title", "Bàn đăng ký – " + s.meeting.title);
    const pending = s.pending || [];
    const pendingSpot = focusedSpot($("#pending"));
    const queueSpot = focusedSpot($("#queue"));
    $("#pending").replaceChildren(
      ...pending.map((r) =>
        el(
          "li",
          { "data-request": String(r.requestId) },
          line(r),
          el(
            "div",
            { class: "d-actions" },
            el("button", { type: "button", class: "primary", "data-action": "approve", text: "Duyệt", "aria-label": `Duyệt: ${r.speaker.name}`, onclick: () => act("ApproveRequest", r.requestId) }),
            el("button", {
              type: "button",
              "data-action": "reject",
              text: "Từ chối",
              "aria-label": `Từ chối: ${r.speaker.name}`,
              onclick: async () => {
                if (await MA.confirm(`Từ chối yêu cầu phát biểu của ${r.speaker.name}?`, "Từ chối")) act("RejectRequest", r.requestId);
              },
            })
          )
        )
      )
    );
    restoreFocus($("#pending"), pendingSpot);
    setText("#pending-count", String(pending.length));
    $("#pending-empty").hidden = pending.length > 0;

    $("#queue").replaceChildren(
      ...s.queue.map((r, i) =>
        el(
          "li",
          { "data-request": String(r.requestId) },
          el(
            "div",
            {},
            el("strong", { text: `${i + 1}. ${r.speaker.name}` }),
            el("small", { text: [r.speaker.affiliation, r.topic].filter(Boolean).join(" · ") }),
            r.petition ? el("small", { class: "d-petition-ref", text: `Kiến nghị số ${r.petition.id}: ${r.petition.petitioner}` }) : null
          ),
          el("button", {
            type: "button",
            "data-action": "withdraw",
            text: "Rút",
            "aria-label": `Rút đăng ký: ${r.speaker.name}`,
            onclick: async () => {
              if (await MA.confirm(`Rút đăng ký phát biểu của ${r.speaker.name}?`, "Rút đăng ký")) act("WithdrawRequest", r.requestId);
            },
          })
        )
      )
    );
    restoreFocus($("#queue"), queueSpot);
    setText("#queue-count", String(s.queue.length));
    $("#queue-empty").hidden = s.queue.length > 0;
    const speaking = s.floor ? `Đang phát biểu: ${s.floor.speaker.name}. ` : "";
    setText("#state", `${s.statusLabel}. ${speaking}${s.listOpen ? "Đang nhận đăng ký." : "Danh sách đăng ký đã đóng."}`);
  }
})();
