// Phone page from the QR code: ask to speak, follow each request live, withdraw one. No account needed.
"use strict";

(async function () {
  const { $, el, setText } = MA;
  // Version 2 keeps every request sent from this phone with the token that proves it is this phone's.
  const STORE = "meetingassist.ask.v2";
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

  function load() {
    try {
      const value = JSON.parse(localStorage.getItem(STORE) || "null");
      return value && value.meetingId === meetingId && Array.isArray(value.requests) ? value.requests : [];
    } catch {
      return [];
    }
  }
  function save() {
    localStorage.setItem(STORE, JSON.stringify({ meetingId, requests: mine.map(({ requestId, token, name, topic }) => ({ requestId, token, name, topic })) }));
  }

  /** This phone's requests, oldest first, each with its last known status. */
  let mine = load();
  /** Whether the meeting takes requests now; null until known. */
  let formOpen = null;
  let closedReason = "";
  let wantForm = mine.length === 0;
  let refreshSeq = 0;

  const TEXT = {
    PendingApproval: ["Đang chờ duyệt", "Bàn tiếp nhận sẽ duyệt yêu cầu của bạn trong ít phút."],
    Waiting: ["", "Xin giữ trật tự và chờ chủ trì mời phát biểu."],
    Speaking: ["Đến lượt bạn: đang phát biểu", "Mời bạn phát biểu."],
    Spoken: ["Đã phát biểu", "Cảm ơn bạn đã đóng góp ý kiến."],
    Withdrawn: ["Đã rút đăng ký", "Bạn có thể gửi đăng ký khác nếu cần."],
    Skipped: ["Đã bị bỏ qua", "Hãy liên hệ bàn tiếp nhận nếu bạn vẫn muốn phát biểu."],
    Rejected: ["Bị từ chối", "Hãy liên hệ bàn tiếp nhận để biết thêm."],
  };
  const WITHDRAWABLE = ["PendingApproval", "Waiting"];

  function render() {
    const closed = formOpen === false;
    const closedNode = $("#closed");
    closedNode.hidden = !closed;
    setText(closedNode, closed ? closedReason : "");
    $("#form").hidden = closed || formOpen === null || !wantForm;
    $("#mine").hidden = mine.length === 0;
    $("#again").hidden = closed || wantForm;
    $("#mine-list").replaceChildren(...mine.slice().reverse().map((r, i) => card(r, i === 0)));
  }

  /** The newest request's status carries id "state": the one a returning citizen looks at first. */
  function card(r, newest) {
    const status = r.status || "";
    const [main, note] = TEXT[status] || [r.statusLabel || "", ""];
    const text = status === "Waiting" ? `Thứ tự ${r.position} trong danh sách` : main;
    return el(
      "li",
      { class: "card a-status", "data-request": String(r.requestId) },
      el("p", { class: "a-state", id: newest ? "state" : null, "data-status": status, text }),
      el("p", { class: "a-who", text: r.topic ? `${r.name} – ${r.topic}` : r.name }),
      el("p", { class: "muted", text: note }),
      WITHDRAWABLE.includes(status)
        ? el("button", { type: "button", class: "danger", text: "Rút đăng ký", onclick: () => withdraw(r) })
        : null
    );
  }

  async function refresh() {
    const seq = ++refreshSeq;
    const results = await Promise.all(
      mine.map(async (r) => {
        try {
          return { r, status: await MA.api(`/api/meetings/${meetingId}/requests/${r.requestId}/status?token=${encodeURIComponent(r.token)}`) };
        } catch (e) {
          return { r, gone: e.status === 404 };
        }
      })
    );
    if (seq !== refreshSeq) return;
    for (const { r, status } of results) if (status) Object.assign(r, { status: status.status, statusLabel: status.statusLabel, position: status.position });
    // A request the server no longer knows belongs to data that was reset: forget it.
    const gone = results.filter((x) => x.gone).map((x) => x.r);
    if (gone.length) {
      mine = mine.filter((r) => !gone.includes(r));
      save();
      if (mine.length === 0) wantForm = true;
    }
    render();
  }

  async function withdraw(r) {
    if (!(await MA.confirm(`Rút đăng ký phát biểu “${r.topic}”?`, "Rút đăng ký"))) return;
    try {
      const status = await MA.api(`/api/meetings/${meetingId}/requests/${r.requestId}/withdraw`, { method: "POST", body: { token: r.token } });
      Object.assign(r, { status: status.status, statusLabel: status.statusLabel, position: status.position });
      MA.alert(alertBox, "Đã rút đăng ký.", "ok");
      render();
    } catch (e) {
      MA.alert(alertBox, e.message);
      refresh();
    }
  }

  function applyState(open, reason) {
    formOpen = open;
    closedReason = reason || "";
    render();
  }

  MA.connectMeeting(meetingId, (s) => {
    setText("#title", s.meeting.title);
    document.title = "Đăng ký phát biểu – " + s.meeting.title;
    if (s.status === "Ended") applyState(false, "Hội nghị đã kết thúc, không nhận thêm đăng ký phát biểu.");
    else if (!s.listOpen) applyState(false, "Danh sách đăng ký phát biểu đã đóng. Xin cảm ơn quý vị.");
    else applyState(true, "");
    refresh();
  });

  try {
    const state = await MA.api(`/api/meetings/${meetingId}/ask/state`);
    if (formOpen === null) applyState(state.open, state.reason);
  } catch {
    /* the live connection tells the same */
  }
  render();
  refresh();

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
      mine.push({ requestId: result.requestId, token: result.token, name: input.name, topic: input.topic, status: "PendingApproval" });
      save();
      MA.alert(alertBox, "");
      $("#form").reset();
      wantForm = false;
      render();
      refresh();
    } catch (err) {
      MA.alert(alertBox, err.message);
    } finally {
      sending = false;
    }
  });

  $("#again").addEventListener("click", () => {
    wantForm = true;
    render();
    $("#name").focus();
  });
})();
