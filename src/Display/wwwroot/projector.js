// Projector: read-only, never needs a click; everything it shows comes from the latest snapshot.
"use strict";

(async function () {
  const { $, el, setText } = MA;
  const NEXT_COUNT = 5;
  let snapshot = null;
  let qrFor = 0;

  const meetingId = await MA.meetingId().catch((e) => {
    setText("#idle-main", e.message);
    return 0;
  });
  if (!meetingId) return;

  function showQr() {
    if (qrFor === meetingId) return;
    qrFor = meetingId;
    $("#qr").src = `/api/meetings/${meetingId}/qr.svg`;
    MA.api(`/api/meetings/${meetingId}/ask-link`)
      .then((r) => setText("#url", r.url.replace(/^https?:\/\//, "")))
      .catch(() => (qrFor = 0));
  }

  function render(s) {
    snapshot = s;
    showQr();
    setText("#title", s.meeting.title);
    document.title = `${s.meeting.title} – Màn chiếu`;
    setText("#agenda", s.agenda.length ? s.agenda[s.agendaIndex] : "");

    const floor = s.status === "InProgress" ? s.floor : null;
    $("#live").hidden = !floor;
    $("#idle").hidden = !!floor;
    if (floor) {
      setText("#kind", floor.kindLabel);
      setText("#name", floor.speaker.name);
      setText("#detail", MA.speakerDetail(floor.speaker));
      setText("#topic", floor.topic || "");
    } else if (s.status === "Preparing") {
      setText("#idle-main", "Hội nghị sắp bắt đầu");
      setText("#idle-sub", [s.meeting.place, s.meeting.scheduledStart ? "Bắt đầu lúc " + s.meeting.scheduledStart : ""].filter(Boolean).join("\n"));
    } else if (s.status === "Ended") {
      setText("#idle-main", "Hội nghị đã kết thúc");
      setText("#idle-sub", "Trân trọng cảm ơn các đại biểu và Nhân dân đã tham dự.");
    } else {
      setText("#idle-main", "Xin mời chờ chủ trì điều hành");
      setText("#idle-sub", s.listOpen ? "Đăng ký phát biểu tại bàn tiếp nhận hoặc quét mã QR." : "Danh sách đăng ký phát biểu đã đóng.");
    }

    const next = s.status === "Ended" ? [] : s.queue.slice(0, NEXT_COUNT);
    $("#next").replaceChildren(
      ...next.map((r) =>
        el("li", {}, el("span", { class: "p-next-name", text: r.speaker.name }), el("span", { class: "p-next-detail", text: MA.speakerDetail(r.speaker) }))
      )
    );
    $("#next-empty").hidden = next.length > 0;
    const more = s.queue.length - next.length;
    $("#next-more").hidden = more <= 0 || s.status === "Ended";
    setText("#next-more", `· ${s.queue.length} người đang chờ`);
    tick();
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

  MA.connectMeeting(meetingId, render);
  MA.tick(tick);
})();
