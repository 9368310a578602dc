"use strict";

(() => {
  const $ = id => document.getElementById(id);
  const el = MA.el;

  async function load() {
    $("error").textContent = "";
    try {
      const [status, models] = await Promise.all([MA.api("/api/speech/status"), MA.api("/api/speech/models")]);
      const banner = $("speech-status");
      banner.textContent = status.message;
      banner.className = "banner " + (status.ready ? "ok" : "warn");
      $("folder").textContent = status.modelsFolder;
      render(models);
    } catch (e) {
      $("error").textContent = e.message;
    }
  }

  function render(models) {
    const body = $("models").querySelector("tbody");
    body.replaceChildren(...models.map(m => {
      const state = el("td");
      if (m.active) state.append(el("span", { class: "tag ok", text: "Đang dùng" }));
      else if (m.valid) state.append(el("span", { class: "tag", text: "Hợp lệ" }));
      else state.append(el("span", { class: "tag bad", text: "Không dùng được" }), el("div", { class: "error", text: m.reason || "" }));
      const action = el("td");
      if (m.valid && !m.active) action.append(chooseButton("Dùng mô hình này", "/api/speech/active-model", m.fileName));
      const secondPass = el("td");
      if (m.secondPass) secondPass.append(el("span", { class: "tag ok", text: "Dùng cho nhận dạng lại" }));
      else if (m.valid) secondPass.append(chooseButton("Dùng cho nhận dạng lại", "/api/speech/second-pass-model", m.fileName, "secondary"));
      const kind = m.variant ? m.variant + (m.multilingual ? " (đa ngôn ngữ)" : " (chỉ tiếng Anh)") : "—";
      return el("tr", {}, [
        el("td", { text: m.fileName }),
        el("td", { text: kind }),
        el("td", { text: m.quantization || "—" }),
        el("td", { class: "num", text: m.size }),
        state,
        action,
        secondPass,
      ]);
    }));
    const secondPassModel = models.find(m => m.secondPass);
    $("second-pass").classList.toggle("hidden", !secondPassModel);
    $("second-pass-model").textContent = secondPassModel ? secondPassModel.fileName : "";
    $("second-pass-reason").textContent = secondPassModel ? `(${secondPassModel.secondPassReason})` : "";
    $("models").classList.toggle("hidden", models.length === 0);
    $("no-models").classList.toggle("hidden", models.length > 0);
  }

  /** A button that makes the model the live one or the second pass's, after the server has checked the whole file. */
  function chooseButton(label, url, fileName, kind) {
    const button = el("button", { type: "button", class: kind || "", text: label });
    button.addEventListener("click", async () => {
      button.disabled = true;
      button.textContent = "Đang kiểm tra tệp…";
      try {
        await MA.api(url, { method: "PUT", body: { fileName } });
        await load();
      } catch (e) {
        $("error").textContent = e.message;
        button.disabled = false;
        button.textContent = label;
      }
    });
    return button;
  }

  async function start() {
    const session = await MA.requireRole(["admin"]);
    $("who").textContent = session.roleLabel + ": " + session.userName;
    $("reload").addEventListener("click", load);
    await load();
  }

  start();
})();
