// Home page: names the meeting the screens will open, who is signed in, and that person's own pages first.
"use strict";

(async function () {
  const { $, el, setText } = MA;

  // The pages each role works in, in the order of a meeting day.
  const PAGES = {
    secretary: [
      ["/secretary", "Thư ký – bản ghi nháp", "Tải bản ghi âm lên, nhận dạng, sửa văn bản theo từng người phát biểu."],
      ["/live-transcript", "Bản ghi trực tiếp", "Văn bản nháp hiện dần trong lúc họp."],
      ["/sound-desk", "Bàn âm thanh", "Thu tiếng hội trường, xem tình trạng nhận dạng."],
      ["/minutes", "Biên bản", "Soạn, duyệt và tải biên bản hội nghị (DOCX, PDF)."],
      ["/petitions", "Sổ theo dõi kiến nghị", "Kiến nghị, trả lời, các mốc thời hạn của hội nghị."],
      ["/petitions-import", "Nhập danh sách kiến nghị", "Nhập tệp Excel/CSV của văn phòng: xem trước, sửa lỗi, rồi nhập vào sổ."],
      ["/plans", "Kế hoạch năm", "Kế hoạch tiếp xúc, đối thoại: thời hạn, các hội nghị và các mốc đã tính."],
      ["/petitions-reminders", "Nhắc hạn trả lời", "Danh sách kiến nghị quá hạn, sắp đến hạn theo phòng ban, để in."],
    ],
    chair: [
      ["/chair", "Chủ trì", "Mời phát biểu, đồng hồ, mời trả lời, hoàn tác."],
      ["/projector", "Màn chiếu", "Mở trên máy nối với máy chiếu."],
      ["/petitions", "Sổ theo dõi kiến nghị", "Kiến nghị, trả lời, tình hình giải quyết."],
    ],
    desk: [
      ["/desk", "Bàn đăng ký", "Nhập phiếu đăng ký, duyệt đăng ký qua điện thoại."],
      ["/petitions", "Sổ theo dõi kiến nghị", "Tiếp nhận, phân công, theo dõi hạn trả lời; duyệt ý kiến gửi qua mạng."],
      ["/petitions-reminders", "Nhắc hạn trả lời", "Danh sách kiến nghị quá hạn, sắp đến hạn theo phòng ban, để in."],
    ],
    department: [
      ["/petitions", "Kiến nghị được giao", "Kiến nghị giao cho phòng ban, hạn trả lời, ghi nội dung trả lời."],
      ["/petitions-reminders", "Nhắc hạn trả lời", "Danh sách kiến nghị quá hạn, sắp đến hạn theo phòng ban, để in."],
    ],
    admin: [
      ["/setup", "Thiết lập", "Hội nghị, người trả lời, tài khoản."],
      ["/chair", "Chủ trì", "Điều hành hội nghị."],
      ["/desk", "Bàn đăng ký", "Nhập phiếu đăng ký."],
      ["/secretary", "Thư ký – bản ghi nháp", "Bản ghi âm và văn bản nháp."],
      ["/petitions", "Sổ theo dõi kiến nghị", "Kiến nghị, hạn trả lời, lịch ngày nghỉ."],
      ["/petitions-import", "Nhập danh sách kiến nghị", "Nhập tệp Excel/CSV của văn phòng: xem trước, sửa lỗi, rồi nhập vào sổ."],
      ["/plans", "Kế hoạch năm", "Kế hoạch tiếp xúc, đối thoại: thời hạn, các hội nghị và các mốc đã tính."],
    ],
  };

  try {
    const session = await MA.session();
    if (session.userName) setText("#who", `Đang đăng nhập: ${session.userName} (${session.roleLabel}).`);
    const mine = PAGES[session.role] || [];
    $("#mine").hidden = mine.length === 0;
    $("#mine-links").replaceChildren(
      ...mine.map(([href, title, text]) => el("li", {}, el("a", { href }, el("strong", { text: title }), el("span", { text }))))
    );
  } catch {
    /* the links work without it */
  }
  try {
    const { id } = await MA.api("/api/meetings/current");
    const link = await MA.api(`/api/meetings/${id}/ask-link`);
    setText("#meeting", `Hội nghị trên màn hình hội trường: số ${id}. Địa chỉ cho điện thoại trong hội trường: ${link.url}`);
  } catch (e) {
    setText("#meeting", e.message);
  }
})();
