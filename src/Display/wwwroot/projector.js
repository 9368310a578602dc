// Projector: read-only, never needs a click; everything it shows comes from the latest snapshot.
"use strict";

(async function () {
  const { $, el, setText } = MA;
  // For a snapshot without the meeting's own setting (nextSpeakersShown, 1–10).
  const DEFAULT_NEXT_COUNT = 5;
  let snapshot = null;
  let qrFor = 0;

  // Without ?m= the projector follows the meeting put on the hall's screens, and switches by itself when the
  // chair or the office puts another one on.
  const pageMeeting = MA.pageMeeting();

  // A QR code carries a white border four modules wide; its size is read from the drawing so the border can be
  // cropped (the panel around it is white already).
  async function cropQrBorder(url) {
    try {
      const svg = await (await fetch(url, { cache: "no-store" })).text();
      const match = /viewBox="0 0 (\d+)/.exec(svg);
      const modules = match ? parseInt(match[1], 10) : 0;
      if (modules > 8) $("#qr").style.setProperty("--zoom", String(modules / (modules - 8)));
    } catch {
      /* the code still scans with its border */
    }
  }

  function showQr(meetingId) {
    if (qrFor === meetingId) return;
    qrFor = meetingId;
    const url = `/api/meetings/${meetingId}/qr.svg`;
    $("#qr").src = url;
    cropQrBorder(url);
    MA.api(`/api/meetings/${meetingId}/ask-link`)
      .then((r) => setText("#url", r.url.replace(/^https?:\/\//, "")))
      .catch(() => (qrFor = 0));
  }

  /** How many people registered and were never called; the server counts them, older servers leave the queue. */
  function notCalled(s) {
    return typeof s.notCalledCount === "number" ? s.notCalledCount : s.queue.length;
  }

  function render(s) {
    snapshot = s;
    showQr(s.meetingId);
    setText("#title", s.meeting.title);
    document.title = `${s.meeting.title} – Màn chiếu`;
    setText("#agenda", s.agenda.length ? s.agenda[s.agendaIndex] : "");

    const ended = s.status === "Ended";
    const floor = s.status === "InProgress" ? s.floor : null;
    // The invitation to register is shown only while registering is possible.
    const inviting = s.listOpen && !ended;
    $("#qr-box").hidden = !inviting;
    // Before the start, while people take their seats, the QR code gets half the screen.
    document.body.classList.toggle("qr-full", inviting && s.status === "Preparing");

    $("#live").hidden = !floor;
    $("#idle").hidden = !!floor;
    if (floor) {
      setText("#kind", floor.kindLabel);
      setText("#name", floor.speaker.name);
      setText("#detail", MA.speakerDetail(floor.speaker));
      setText("#topic", floor.topic || "");
      $("#detail").hidden = !MA.speakerDetail(floor.speaker);
      $("#topic").hidden = !floor.topic;
    } else if (s.status === "Preparing") {
      setText("#idle-main", "Hội nghị sắp bắt đầu");
      setText(
        "#idle-sub",
        [s.meeting.place, s.meeting.scheduledStart ? "Bắt đầu lúc " + s.meeting.scheduledStart : "", inviting ? "Mời quét mã QR để đăng ký phát biểu." : ""]
          .filter(Boolean)
          .join("\n")
      );
    } else if (ended) {
      setText("#idle-main", "Hội nghị đã kết thúc");
      setText("#idle-sub", "Trân trọng cảm ơn các đại biểu và Nhân dân đã tham dự.");
    } else {
      setText("#idle-main", "Xin mời chờ chủ trì điều hành");
      setText("#idle-sub", s.listOpen ? "Đăng ký phát biểu tại bàn tiếp nhận hoặc quét mã QR." : "Danh sách đăng ký phát biểu đã đóng.");
    }

    const count = s.meeting.nextSpeakersShown || DEFAULT_NEXT_COUNT;
    const next = ended ? [] : s.queue.slice(0, count);
    $("#next").replaceChildren(
      ...next.map((r) =>
        el(
          "li",
          {},
          // Name and hamlet run on one line when they fit, so the panel holds as many speakers as the setting asks.
          el("p", { class: "p-next-text" }, el("span", { class: "p-next-name", text: r.speaker.name }), " ", el("span", { class: "p-next-detail", text: MA.speakerDetail(r.speaker) }))
        )
      )
    );
    setText("#next-title", ended ? "Danh sách đăng ký" : "Tiếp theo");
    const left = notCalled(s);
    setText(
      "#next-empty",
      ended
        ? left > 0
          ? `${left} người đã đăng ký nhưng chưa được mời phát biểu.`
          : "Mọi người đăng ký đều đã được mời phát biểu."
        : "Chưa có ai trong danh sách chờ."
    );
    $("#next-empty").hidden = next.length > 0;
    setText("#next-more", `· ${s.queue.length} người đang chờ`);
    fitAll();
    tick();
  }

  // ---- Text that fits ----
  // A box marked data-fit has its size from the layout; its text gets the largest scale (--fit, 1 = the CSS size,
  // down to MIN_FIT) at which nothing overflows, found by bisection. A long name or topic wraps and shrinks; it is
  // never cut with "…" and never runs under the timer.
  const MIN_FIT = 0.3;

  function overflows(node) {
    return node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1;
  }

  function fitText(node) {
    if (node.hidden) return;
    node.style.setProperty("--fit", "1");
    if (!overflows(node)) return;
    let low = MIN_FIT;
    let high = 1;
    for (let i = 0; i < 8; i++) {
      const mid = (low + high) / 2;
      node.style.setProperty("--fit", String(mid));
      if (overflows(node)) high = mid;
      else low = mid;
    }
    node.style.setProperty("--fit", String(low));
  }

  function fitAll() {
    if (!$("#live").hidden) fitText($("#text"));
    fitNext();
  }

  // Shows as many of the next speakers as fit whole in their panel: on a small screen, or with the caption
  // band taking its share of the height, a name cut in half is worse than one fewer name.
  function fitNext() {
    const panel = $(".p-next");
    const items = [...$("#next").children];
    items.forEach((li) => (li.hidden = false));
    const limit = panel.getBoundingClientRect().bottom - parseFloat(getComputedStyle(panel).paddingBottom);
    let shown = 0;
    let full = false;
    for (const li of items) {
      // Once one speaker does not fit, later ones are left out too: the order on screen is the order of the floor.
      if (full || li.getBoundingClientRect().bottom > limit + 0.5) {
        li.hidden = true;
        full = true;
      } else shown++;
    }
    const ended = !snapshot || snapshot.status === "Ended";
    $("#next-more").hidden = ended || snapshot.queue.length <= shown;
  }

  function tick() {
    const floor = snapshot && snapshot.status === "InProgress" ? snapshot.floor : null;
    if (!floor) return;
    const c = MA.countdown(floor);
    const timer = $("#timer");
    if (timer.dataset.state !== c.state) timer.dataset.state = c.state;
    setText("#timer-value", c.text);
    setText("#timer-label", c.state === "open" ? "Thời gian đã phát biểu" : c.state === "over" ? "Đã quá thời gian" : "Thời gian còn lại");
    $("#paused").hidden = !c.paused;
  }

  // ---- Live captions ----
  // Shown only while the chair allows them and text arrives; with no speech model nothing arrives, so the
  // band simply never appears (the hall never sees an error about it).
  const CAPTION_TTL_MS = 8000;
  const CAPTION_CHARS = 140; // about two lines at this size; live text is most useful at its end
  let caption = null; // { turnId, text, isFinal, at }

  function captionTail(text) {
    const clean = text.normalize("NFC").replace(/\s+/g, " ").trim();
    if (clean.length <= CAPTION_CHARS) return clean;
    const cut = clean.slice(clean.length - CAPTION_CHARS);
    const space = cut.indexOf(" ");
    return "…" + (space > 0 && space < 30 ? cut.slice(space + 1) : cut);
  }

  function showCaption() {
    const floor = snapshot && snapshot.status === "InProgress" ? snapshot.floor : null;
    // A new turn, the chair switching captions off, or 8 s of silence clears the text.
    if (caption && (!floor || floor.turnId !== caption.turnId || !snapshot.captionsEnabled || Date.now() - caption.at >= CAPTION_TTL_MS))
      caption = null;
    const visible = !!caption;
    const band = $("#caption");
    if (band.hidden === visible) {
      band.hidden = !visible;
      document.body.classList.toggle("with-captions", visible);
    }
    if (visible) {
      band.dataset.final = String(caption.isFinal);
      setText("#caption-text", captionTail(caption.text));
    }
  }

  function onCaption(c) {
    if (!c || c.meetingId !== live.meetingId || !c.text) return;
    // A late partial must not replace the final text of the same passage.
    if (caption && caption.turnId === c.turnId && caption.isFinal && !c.isFinal && c.atMs < caption.atMs) return;
    caption = { turnId: c.turnId, text: c.text, isFinal: c.isFinal, atMs: c.atMs, at: Date.now() };
    showCaption();
  }

  const live = MA.connectMeeting(pageMeeting, (s) => {
    // Another meeting on screen: nothing of the previous one may stay (its captions included).
    if (snapshot && snapshot.meetingId !== s.meetingId) caption = null;
    render(s);
    showCaption();
  });
  live.connection.on("Caption", onCaption);
  setInterval(showCaption, 500);
  // Boxes change size with the window and with the caption band (one line of text or two).
  new ResizeObserver(() => fitAll()).observe($(".p-main"));
  // Sizes measured before the font arrives would be wrong once it does.
  document.fonts.ready.then(() => fitAll());
  MA.tick(tick);
})();
