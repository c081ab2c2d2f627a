// Starts GOV.UK Frontend's components. Kept in a file (no inline script) so
// the content security policy can forbid inline scripts.
import { initAll } from "../govuk/govuk-frontend.min.js";

document.body.classList.add("govuk-frontend-supported");
initAll();

// "Copy" buttons: a button with data-copy="<id>" copies that element's text. The
// button is hidden until this runs, so nobody sees one that cannot work.
for (const button of document.querySelectorAll("[data-copy]")) {
  const source = document.getElementById(button.dataset.copy);
  if (!source || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(source.textContent.trim());
    button.textContent = button.dataset.copied || button.textContent;
  });
}
