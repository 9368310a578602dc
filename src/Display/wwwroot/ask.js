// Phone page from the QR code: ask to speak, then follow the request live. No account needed.
"use strict";

(async function () {
  const { $, el, setText } = MA;
  const STORE = "meetingassist.ask";
  const alertBox = $("#alert");
  let meetingId;
  try {
    meetingId = await MA.meetingId();
  } catch (e) {
    setText("#title", "Chưa có hội nghị");
    MA.alert(alertBox, e.message);
    return;
  }

  $("#field").replaceChildren(el("option", { value: "", text: "— Chọn lĩnh vực (không bắt buộc) —" }), ...MA.fields.map((f) => el("option", { value: f, text: f })));

  function stored() {
    try {
      const value = JSON.parse(localStorage.getItem(STORE) || "null");
      return value && value.meetingId === meetingId ? value : null;
    } catch {
      return null;
    }
  }

  let mine = stored();
  let refreshSeq = 0;

  function showForm() {
    $("#form").hidden = false;
    $("#status").hidden = true;
  }

  function showStatus() {
    $("#form").hidden = true;
    $("#status").hidden = false;
    setText("#who", mine.name ? `${mine.name}${mine.topic ? " – " + mine.topic : ""}` : "");
  }

  const TEXT = {
    PendingApproval: ["Đang chờ duyệt", "Bàn tiếp nhận sẽ duyệt yêu cầu của bạn trong ít phút."],
    Waiting: ["", "Xin giữ trật tự và chờ chủ trì mời phát biểu."],
    Speaking: ["Đến lượt bạn: đang phát biểu", "Mời bạn phát biểu."],
    Spoken: ["Đã phát biểu", "Cảm ơn bạn đã đóng góp ý kiến."],
    Withdrawn: ["Đã rút đăng ký", "Bạn có thể gửi đăng ký khác nếu cần."],
    Skipped: ["Đã bị bỏ qua", "Hãy liên hệ bàn tiếp nhận nếu bạn vẫn muốn phát biểu."],
    Rejected: ["Bị từ chối", "Hãy liên hệ bàn tiếp nhận để biết thêm."],
  };

  async function refresh() {
    if (!mine) return;
    const seq = ++refreshSeq;
    try {
      const status = await MA.api(`/api/meetings/${meetingId}/requests/${mine.requestId}/status`);
      if (seq !== refreshSeq) return;
      const [main, note] = TEXT[status.status] || [status.statusLabel, ""];
      const state = $("#state");
      state.dataset.status = status.status;
      setText(state, status.status === "Waiting" ? `Thứ tự ${status.position} trong danh sách` : main);
      setText("#state-note", note);
    } catch (e) {
      if (e.status === 404) {
        // The request belongs to a meeting whose data was reset: start again.
        localStorage.removeItem(STORE);
        mine = null;
        showForm();
      }
    }
  }

  MA.connectMeeting(meetingId, (s) => {
    setText("#title", s.meeting.title);
    document.title = "Đăng ký phát biểu – " + s.meeting.title;
    refresh();
  });

  if (mine) {
    showStatus();
  } else showForm();

  let sending = false;
  $("#form").addEventListener("submit", async (e) => {
    e.preventDefault();
    if (sending) return;
    const input = {
      name: $("#name").value.trim(),
      affiliation: $("#affiliation").value.trim(),
      topic: $("#topic").value.trim(),
      field: $("#field").value || null,
    };
    if (!input.name) {
      MA.alert(alertBox, "Hãy nhập họ và tên.");
      $("#name").focus();
      return;
    }
    if (!input.topic) {
      MA.alert(alertBox, "Hãy nhập nội dung muốn phát biểu.");
      $("#topic").focus();
      return;
    }
    sending = true;
    try {
      const result = await MA.api(`/api/meetings/${meetingId}/ask`, { method: "POST", body: input });
      mine = { meetingId, requestId: result.requestId, name: input.name, topic: input.topic };
      localStorage.setItem(STORE, JSON.stringify(mine));
      MA.alert(alertBox, "");
      $("#form").reset();
      showStatus();
      refresh();
    } catch (err) {
      MA.alert(alertBox, err.message);
    } finally {
      sending = false;
    }
  });

  $("#again").addEventListener("click", () => {
    localStorage.removeItem(STORE);
    mine = null;
    setText("#state", "");
    showForm();
    $("#name").focus();
  });
})();
