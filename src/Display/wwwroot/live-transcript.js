// Live draft transcript: the segments the server stored, grouped under the floor turn they were spoken in,
// growing as new ones are pushed, with the current speaker's partial caption shown in grey.
"use strict";

(async function () {
  const { $, el, setText } = MA;
  const { alertBox, meetingId } = await MA.startStaffPage(["secretary", "admin", "chair"], { resolveMeeting: true });
  if (!meetingId) return;
  $("#desk-link").href = "/sound-desk?m=" + meetingId;
  $("#editor-link").href = "/transcript-editor?m=" + meetingId;
  const base = `/api/meetings/${meetingId}/live`;

  const seen = new Set();
  const turns = new Map(); // turnId → { node, list, partial }
  let recordings = [];
  let currentTurnId = null;

  /** Clock time in Vietnam (UTC+7, no daylight saving), whatever the laptop's own time zone. */
  function clock(ms) {
    const d = new Date(ms + 7 * 3600 * 1000);
    const pad = (n) => String(n).padStart(2, "0");
    return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  }

  function turnGroup(info) {
    let group = turns.get(info.turnId);
    const meta = [info.speakerAffiliation, info.speakerRole, info.turnKind].filter(Boolean).join(" · ");
    if (group) {
      // A group opened by a caption knows only the name; the first segment brings hamlet, role and turn kind.
      if (meta && !group.meta.textContent) setText(group.meta, meta);
      return group;
    }
    const metaNode = el("p", { class: "l-turn-meta muted", text: meta });
    const time = el("span", { class: "l-turn-time", text: info.startMs ? clock(info.startMs) : "" });
    const node = el(
      "section",
      { class: "l-turn card", "data-turn": String(info.turnId) },
      el("h2", { class: "l-turn-head" }, el("span", { class: "l-turn-name", text: info.speakerName }), time),
      metaNode
    );
    const list = el("ol", { class: "list l-segments" });
    const partial = el("p", { class: "l-partial", hidden: true });
    node.append(list, partial);
    group = { node, list, partial, time, meta: metaNode, firstMs: info.startMs || Infinity };
    turns.set(info.turnId, group);
    // Turns in the order they were spoken: by their first segment's time.
    const after = [...turns.values()].filter((g) => g !== group && g.firstMs > group.firstMs).sort((a, b) => a.firstMs - b.firstMs)[0];
    $("#turns").insertBefore(node, after ? after.node : null);
    $("#empty").hidden = true;
    return group;
  }

  function addSegment(s) {
    if (seen.has(s.id)) {
      // A second look improved a passage already shown: its text and flag change in place.
      const shown = document.querySelector(`li[data-segment="${CSS.escape(String(s.id))}"]`);
      if (shown) {
        shown.classList.toggle("flagged", !!s.flag);
        if (s.flag) shown.title = "Cần nghe lại: " + s.flag;
        else shown.removeAttribute("title");
        setText(shown.querySelector(".l-seg-text"), s.text.normalize("NFC"));
      }
      return;
    }
    seen.add(s.id);
    const group = turnGroup(s);
    if (s.startMs < group.firstMs) {
      group.firstMs = s.startMs;
      setText(group.time, clock(s.startMs));
    }
    const play = el("button", {
      type: "button",
      class: "l-play",
      title: "Nghe đoạn này",
      "aria-label": `Nghe đoạn lúc ${clock(s.startMs)}`,
      text: "▶",
      onclick: () => playSegment(s),
    });
    const item = el(
      "li",
      { class: "l-segment" + (s.flag ? " flagged" : ""), "data-segment": String(s.id), "data-start": String(s.startMs), title: s.flag ? "Cần nghe lại: " + s.flag : null },
      play,
      el("span", { class: "l-seg-time", text: clock(s.startMs) }),
      el("span", { class: "l-seg-text", text: s.text.normalize("NFC") })
    );
    const later = [...group.list.children].find((li) => Number(li.dataset.start) > s.startMs);
    group.list.insertBefore(item, later || null);
    // A final segment replaces the partial caption it came from.
    if (group.partial) group.partial.hidden = true;
  }

  async function playSegment(s) {
    let file = pick(s.startMs);
    if (!file) {
      await loadRecordings();
      file = pick(s.startMs);
    }
    if (!file) {
      MA.alert(alertBox, "Chưa có tệp ghi âm cho đoạn này.");
      return;
    }
    const from = Math.max(0, (s.startMs - file.startMs) / 1000);
    const to = Math.max(from + 0.1, (s.endMs - file.startMs) / 1000);
    const player = $("#player");
    player.src = `${base}/recordings/${encodeURIComponent(file.file)}#t=${from.toFixed(2)},${to.toFixed(2)}`;
    try {
      await player.play();
    } catch {
      MA.alert(alertBox, "Trình duyệt không phát được đoạn ghi âm này.");
    }
  }

  function pick(startMs) {
    let best = null;
    for (const r of recordings) if (r.startMs <= startMs && (!best || r.startMs > best.startMs)) best = r;
    return best;
  }

  async function loadRecordings() {
    try {
      recordings = await MA.api(`${base}/recordings`);
    } catch {
      /* playback retries when clicked */
    }
  }

  async function loadSegments() {
    try {
      for (const s of await MA.api(`${base}/segments`)) addSegment(s);
    } catch (e) {
      MA.alert(alertBox, e.message);
    }
  }

  function showCaption(c) {
    if (c.meetingId !== meetingId) return;
    if (c.isFinal) return; // the TranscriptSegment push carries the final text
    if (currentTurnId !== null && c.turnId !== currentTurnId) return;
    const group = turnGroup({ turnId: c.turnId, speakerName: c.speakerName, startMs: c.atMs });
    for (const g of turns.values()) if (g !== group) g.partial.hidden = true;
    setText(group.partial, c.text.normalize("NFC"));
    group.partial.hidden = !c.text;
  }

  async function pollSpeech() {
    try {
      const s = await MA.api(`${base}/status`);
      const banner = $("#speech");
      banner.hidden = s.speechReady;
      setText(banner, s.speechMessage);
    } catch {
      /* the next poll tries again */
    }
  }

  const live = MA.connectMeeting(meetingId, (s) => {
    setText("#title", "Bản ghi nháp trực tiếp – " + s.meeting.title);
    const turnId = s.floor ? s.floor.turnId : null;
    if (turnId !== currentTurnId) {
      // The partial text belonged to the turn that just ended; its final segments follow shortly.
      for (const g of turns.values()) g.partial.hidden = true;
      currentTurnId = turnId;
    }
  });
  live.connection.on("TranscriptSegment", addSegment);
  live.connection.on("Caption", showCaption);

  await Promise.all([loadSegments(), loadRecordings(), pollSpeech()]);
  // Pushes missed while the link was down are picked up by the periodic reload (deduplicated by id).
  setInterval(loadSegments, 10000);
  setInterval(loadRecordings, 30000);
  setInterval(pollSpeech, 5000);
})();
