// The public opinion form reached from the QR code on the printed notice: no account; the office reviews each one.
"use strict";

(async function () {
  const { $, el } = MA;
  const form = $("#form");
  const alertBox = $("#alert");
  const meeting = Number(new URLSearchParams(location.search).get("m")) || null;

  try {
    const { fields } = await MA.api("/api/public/opinions/form");
    $("#field").replaceChildren(el("option", { value: "", text: "Chọn lĩnh vực (không bắt buộc)" }), ...fields.map((f) => el("option", { value: f, text: f })));
  } catch (e) {
    MA.alert(alertBox, e.message);
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = Object.fromEntries(new FormData(form).entries());
    if (meeting) body.meetingId = meeting;
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const result = await MA.api("/api/public/opinions", { method: "POST", body });
      MA.showErrors(form, null);
      form.reset();
      form.hidden = true;
      $("#done").textContent = result.message;
      $("#done").hidden = false;
      $("#again").hidden = false;
    } catch (error) {
      if (!MA.showErrors(form, error)) MA.alert(alertBox, error.message);
    } finally {
      button.disabled = false;
    }
  });

  $("#again").addEventListener("click", () => {
    form.hidden = false;
    $("#done").hidden = true;
    $("#again").hidden = true;
    $("#name").focus();
  });
})();
