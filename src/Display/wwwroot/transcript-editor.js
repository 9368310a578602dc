// Longer than 300 lines on purpose: drawing a passage, laying out the turns and saving share one map of passage
// nodes and their versions; audio, search, offers, petitions and the second pass are already in their own files.
// The secretary's editor of the meeting's one transcript: passages grouped under the floor turn they were spoken
// in, edited in place with autosave, split, merged, moved and marked. A save made against an older version is
// refused by the server and both versions are shown here, so nobody's work is lost. Audio and search live in
// transcript-editor-tools.js, which uses the TE object defined here.
"use strict";

window.TE = (function () {
  const { $, el, setText } = MA;
  const LOW_CONFIDENCE = 0.5;
  const MARKS = [["None", "Chưa phân loại"], ["Statement", "Phát biểu"], ["Answer", "Trả lời"], ["Conclusion", "Kết luận"], ["Petition", "Kiến nghị"]];
  const TE = { base: null, meetingId: null, alertBox: null, view: null, passages: new Map(), onView: [] };
  let readyResolve;
  TE.ready = new Promise((r) => (readyResolve = r));

  /** Clock time in Vietnam (UTC+7, no daylight saving), whatever the laptop's own time zone. */
  TE.clock = function (ms) {
    const d = new Date(ms + 7 * 3600 * 1000);
    const pad = (n) => String(n).padStart(2, "0");
    return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };

  TE.fail = (e) => MA.alert(TE.alertBox, e.message || String(e));
  TE.saved = (text) => setText("#save-state", text);

  /** Passages as shown, top to bottom. */
  TE.ordered = () => [...document.querySelectorAll("#turns li[data-passage]")].map((li) => TE.passages.get(Number(li.dataset.passage))).filter(Boolean);
  TE.focused = () => {
    const li = document.activeElement && document.activeElement.closest ? document.activeElement.closest("li[data-passage]") : null;
    return li ? TE.passages.get(Number(li.dataset.passage)) : null;
  };

  TE.load = async function () {
    apply(await MA.api(`${TE.base}/view`));
  };

  let reloadTimer = null;
  TE.reloadSoon = () => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => TE.load().catch(TE.fail), 600);
  };

  function apply(view) {
    TE.view = view;
    setText("#title", "Biên tập bản ghi – " + view.title);
    TE.turns = new Map(view.turns.map((t) => [t.turnId, t]));
    const seen = new Set();
    for (const d of view.passages) {
      seen.add(d.id);
      upsert(d);
    }
    for (const [id, p] of TE.passages) {
      if (seen.has(id) || p.dirty) continue;
      p.node.remove();
      TE.passages.delete(id);
    }
    layout(view);
    for (const f of TE.onView) f(view);
  }

  function upsert(d) {
    let p = TE.passages.get(d.id);
    if (!p) {
      p = build(d);
      TE.passages.set(d.id, p);
    } else if (!p.dirty && !p.saving && p.data.version !== d.version) {
      // A change from another device or a machine pass; text being typed here is never replaced.
      p.data = d;
      if (p.text.value !== d.text) p.text.value = d.text;
    } else if (!p.dirty && !p.saving) {
      p.data = d;
    }
    decorate(p);
  }

  function build(d) {
    const p = { data: d, dirty: false, saving: false };
    p.play = el("button", { type: "button", class: "te-play", "aria-label": `Nghe đoạn lúc ${TE.clock(d.startMs)}`, onclick: () => TE.play && TE.play(p) });
    p.speaker = el("span", { class: "te-speaker" });
    p.badge = el("span", { class: "te-badge", text: "Người đã sửa" });
    p.text = el("textarea", { class: "te-text", rows: 1, spellcheck: "false", "aria-label": `Nội dung đoạn lúc ${TE.clock(d.startMs)}` });
    p.text.value = d.text;
    p.text.addEventListener("input", () => scheduleSave(p));
    p.text.addEventListener("blur", () => p.dirty && save(p));
    p.offer = el("div", { class: "te-offer", hidden: true });
    p.conflict = el("div", { class: "te-conflict", role: "alert", hidden: true });
    // Lists are filled when opened: a long meeting has 1,500 of each, and most are never opened.
    p.mark = el("select", { class: "te-mark", "aria-label": "Loại đoạn" });
    const fillMarks = () => {
      if (p.mark.options.length > 1) return;
      p.mark.replaceChildren(...MARKS.map(([v, label]) => el("option", { value: v, text: label })));
      p.mark.value = p.data.mark;
    };
    p.mark.addEventListener("focus", fillMarks);
    p.mark.addEventListener("pointerdown", fillMarks);
    p.mark.addEventListener("change", () => act(p, "mark", "PUT", { mark: p.mark.value }));
    p.move = el("select", { class: "te-move", "aria-label": "Chuyển sang lượt" });
    p.move.addEventListener("focus", () => fillMove(p));
    p.move.addEventListener("pointerdown", () => fillMove(p));
    p.move.addEventListener("change", () => {
      const v = p.move.value;
      if (v !== "") act(p, "place", "PUT", { turnId: v === "none" ? null : Number(v), speakerName: null });
    });
    p.clip = el("a", { class: "te-clip", text: "Tải đoạn", download: `doan-${d.id}.ogg` });
    p.node = el(
      "li",
      { class: "te-passage", "data-passage": String(d.id) },
      el(
        "div",
        { class: "te-p-head" },
        p.play,
        p.speaker,
        p.badge,
        el("span", { class: "te-actions" },
        el("button", { type: "button", text: "Tách tại con trỏ", onclick: () => TE.split(p) }),
        el("button", { type: "button", text: "Gộp với đoạn sau", onclick: () => merge(p) }),
        p.move,
        p.mark,
        el("button", { type: "button", text: "Lịch sử", onclick: () => TE.history && TE.history(p) }),
        p.clip)
      ),
      p.text,
      p.offer,
      p.conflict
    );
    return p;
  }

  function decorate(p) {
    const d = p.data;
    setText(p.play, "▶ " + TE.clock(d.startMs));
    p.play.title = `${TE.clock(d.startMs)}–${TE.clock(d.endMs)}, độ tin cậy ${Math.round(d.confidence * 100)}%`;
    setText(p.speaker, d.turnId === null ? (d.speakerName ? `${d.speakerName} (chưa gán lượt)` : "Chưa gán") : d.speakerChanged ? d.speakerName : "");
    p.node.classList.toggle("edited", d.edited);
    p.node.classList.toggle("low", !d.edited && d.confidence < LOW_CONFIDENCE);
    p.node.classList.toggle("flagged", !!d.flag);
    p.badge.hidden = !d.edited;
    if (d.flag) p.node.title = "Cần nghe lại: " + d.flag;
    if (p.mark.value !== d.mark) {
      const label = MARKS.find(([v]) => v === d.mark);
      p.mark.replaceChildren(el("option", { value: d.mark, text: label ? label[1] : d.mark }));
    }
    p.node.classList.toggle("marked", d.mark !== "None");
    p.move.replaceChildren(el("option", { value: "", text: "Chuyển sang lượt…" }));
    p.clip.href = `${TE.base}/passages/${d.id}/clip`;
    p.offer.hidden = !d.machineOffer;
    if (d.machineOffer) {
      p.offer.replaceChildren(
        el("span", { class: "muted", text: "Máy đề xuất: " }),
        el("span", { class: "te-offer-text", text: d.machineOffer }),
        el("button", { type: "button", text: "Dùng văn bản máy", onclick: () => act(p, "take-offer", "POST", {}) })
      );
    }
  }

  function turnLabel(t) {
    return `${TE.clock(t.startedAtMs)} ${t.speakerName} – ${t.kindLabel}`;
  }

  function fillMove(p) {
    if (p.move.options.length > 1) return;
    const options = TE.view.turns.filter((t) => !t.voided && t.turnId !== p.data.turnId).map((t) => el("option", { value: String(t.turnId), text: turnLabel(t) }));
    if (p.data.turnId !== null) options.push(el("option", { value: "none", text: "Chưa gán (không ai giữ lượt)" }));
    p.move.append(...options);
  }

  // ---- Layout: one section per turn, "chưa gán" sections between them ----------------------------

  const sections = new Map();

  function section(key, turn) {
    let s = sections.get(key);
    if (!s) {
      const name = el("span", { class: "te-turn-name" });
      const time = el("span", { class: "te-turn-time" });
      const meta = el("p", { class: "te-turn-meta muted" });
      const about = el("p", { class: "te-turn-about" });
      const list = el("ol", { class: "list te-passages" });
      const node = el("section", { class: "te-turn card", "data-section": key }, el("h2", { class: "te-turn-head" }, name, time), meta, about, list);
      s = { node, name, time, meta, about, list };
      sections.set(key, s);
    }
    if (turn) {
      setText(s.name, turn.speakerName);
      setText(s.time, TE.clock(turn.startedAtMs));
      setText(s.meta, [turn.affiliation, turn.title, turn.roleLabel, turn.kindLabel, turn.voided ? "lượt đã bị hủy" : ""].filter(Boolean).join(" · "));
      const about = [turn.topic ? "Nội dung: " + turn.topic : "", turn.answers.length ? "Trả lời cho: " + turn.answers.join("; ") : ""].filter(Boolean);
      setText(s.about, about.join(" — "));
      s.about.hidden = about.length === 0;
      s.node.classList.toggle("voided", turn.voided);
      s.node.dataset.turn = String(turn.turnId);
    } else {
      setText(s.name, "Chưa gán");
      setText(s.meta, "Nói khi không ai giữ lượt phát biểu; chọn “Chuyển sang lượt…” để gán.");
      s.about.hidden = true;
      s.node.classList.add("unassigned");
    }
    return s;
  }

  /** Moves only the nodes whose place changed, so the field being typed in keeps its focus. */
  function sync(parent, nodes) {
    nodes.forEach((node, i) => {
      if (parent.children[i] !== node) parent.insertBefore(node, parent.children[i] || null);
    });
    while (parent.children.length > nodes.length) parent.lastElementChild.remove();
  }

  function layout(view) {
    const turns = [...view.turns].sort((a, b) => a.startedAtMs - b.startedAtMs);
    const passages = [...TE.passages.values()].sort((a, b) => a.data.startMs - b.data.startMs || a.data.id - b.data.id);
    const groups = new Map();
    for (const p of passages) {
      let key;
      // A turn missing from the floor log (never expected) must not hide its passages: they show with the unassigned.
      if (p.data.turnId !== null && TE.turns.has(p.data.turnId)) key = "t" + p.data.turnId;
      else {
        const before = turns.filter((t) => t.startedAtMs <= p.data.startMs).pop();
        key = "u" + (before ? before.turnId : 0);
      }
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(p.node);
    }
    const order = [];
    const push = (key, turn) => {
      const s = section(key, turn);
      sync(s.list, groups.get(key) || []);
      order.push(s.node);
    };
    if (groups.has("u0")) push("u0", null);
    for (const t of turns) {
      if (!t.voided || groups.has("t" + t.turnId)) push("t" + t.turnId, t);
      if (groups.has("u" + t.turnId)) push("u" + t.turnId, null);
    }
    sync($("#turns"), order);
    $("#empty").hidden = passages.length > 0;
  }

  // ---- Saving --------------------------------------------------------------------------------

  function scheduleSave(p) {
    p.dirty = true;
    TE.saved("Đang chờ lưu…");
    clearTimeout(p.timer);
    if (!p.conflicted) p.timer = setTimeout(() => save(p), 800);
  }

  async function save(p, version) {
    clearTimeout(p.timer);
    if (p.conflicted && version === undefined) return;
    if (p.saving) {
      p.again = true;
      return;
    }
    const text = p.text.value;
    p.saving = true;
    p.node.classList.add("saving");
    try {
      p.data = await MA.api(`${TE.base}/passages/${p.data.id}/text`, { method: "PUT", body: { version: version ?? p.data.version, text } });
      if (p.text.value === text) p.dirty = false;
      p.conflicted = false;
      p.conflict.hidden = true;
      decorate(p);
      TE.saved("Đã lưu lúc " + TE.clock(Date.now()));
    } catch (e) {
      if (e.status === 409 && e.problem && e.problem.current) showConflict(p, e.problem.current, text, e.message);
      else TE.fail(e);
    } finally {
      p.saving = false;
      p.node.classList.remove("saving");
      if (p.again) {
        p.again = false;
        if (p.dirty && !p.conflicted) save(p);
      }
    }
  }
  TE.save = save;

  /** Two devices saved the same passage: both versions side by side, and the secretary keeps one. */
  function showConflict(p, current, mine, message) {
    p.conflicted = true;
    TE.saved("Chưa lưu: có xung đột");
    const keepMine = el("button", { type: "button", class: "primary", text: "Giữ bản của tôi", onclick: () => save(p, current.version) });
    const takeTheirs = el("button", {
      type: "button",
      text: "Dùng bản kia",
      onclick: () => {
        p.conflicted = false;
        p.dirty = false;
        p.data = current;
        p.text.value = current.text;
        p.conflict.hidden = true;
        decorate(p);
      },
    });
    p.conflict.replaceChildren(
      el("p", { class: "te-conflict-message", text: message }),
      el("div", { class: "te-versions" },
        el("div", {}, el("strong", { text: "Bản vừa lưu trên thiết bị khác" }), el("p", { class: "te-theirs", text: current.text })),
        el("div", {}, el("strong", { text: "Bản của bạn (chưa lưu)" }), el("p", { class: "te-mine", text: mine }))),
      el("div", { class: "te-row" }, keepMine, takeTheirs)
    );
    p.conflict.hidden = false;
  }

  /** An operation on one passage: unsaved text is saved first, then the view is reloaded. */
  async function act(p, path, method, body) {
    try {
      if (p.dirty) await save(p);
      if (p.conflicted) return null;
      const result = await MA.api(`${TE.base}/passages/${p.data.id}/${path}`, { method, body: { version: p.data.version, ...body } });
      await TE.load();
      return result;
    } catch (e) {
      TE.fail(e);
      await TE.load().catch(() => {});
      return null;
    }
  }
  TE.act = act;

  TE.split = (p) => {
    const offset = p.text.selectionStart;
    return act(p, "split", "POST", { offset });
  };

  async function merge(p) {
    const next = p.node.nextElementSibling && TE.passages.get(Number(p.node.nextElementSibling.dataset.passage));
    if (!next) return TE.fail(new Error("Đây là đoạn cuối của lượt này; không có đoạn sau để gộp."));
    if (next.dirty) await save(next);
    return act(p, "merge-next", "POST", { nextId: next.data.id, nextVersion: next.data.version });
  }

  (async function start() {
    const page = await MA.startStaffPage(["secretary", "admin"], { resolveMeeting: true, picker: true });
    TE.alertBox = page.alertBox;
    if (!page.meetingId) return;
    TE.meetingId = page.meetingId;
    TE.base = `/api/meetings/${page.meetingId}/editor`;
    // A new turn or a change of the floor: read the view again (the first snapshot comes with the first load).
    const live = MA.connectMeeting(page.meetingId, () => TE.view && TE.reloadSoon());
    // New live passages and second looks: the view is read again (debounced), never replacing text being typed.
    live.connection.on("TranscriptSegment", () => TE.reloadSoon());
    await TE.load().catch(TE.fail);
    setInterval(() => TE.load().catch(() => {}), 15000);
    readyResolve();
  })();

  return TE;
})();
