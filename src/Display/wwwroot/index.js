// Home page: names the meeting the screens will open and who is signed in.
"use strict";

(async function () {
  const { $, setText } = MA;
  try {
    const session = await MA.session();
    if (session.userName) setText("#who", `Đang đăng nhập: ${session.userName} (${session.roleLabel}).`);
  } catch {
    /* the links work without it */
  }
  try {
    const { id } = await MA.api("/api/meetings/current");
    const link = await MA.api(`/api/meetings/${id}/ask-link`);
    setText("#meeting", `Hội nghị đang mở: số ${id}. Địa chỉ cho điện thoại trong hội trường: ${link.url}`);
  } catch (e) {
    setText("#meeting", e.message);
  }
})();
