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

// Wide tables scroll sideways inside their own box on a phone, never the whole page
// (WCAG 1.4.10). A box that does scroll becomes a labelled region that the keyboard
// can reach, named by the table's caption.
function fitTables(root) {
  for (const table of root.querySelectorAll("table.govuk-table")) {
    let box = table.closest(".cp-table-scroll");
    if (!box) {
      box = document.createElement("div");
      box.className = "cp-table-scroll";
      table.replaceWith(box);
      box.appendChild(table);
    }
    if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex")) {
      const caption = table.querySelector("caption");
      box.setAttribute("role", "region");
      box.setAttribute("tabindex", "0");
      box.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
    }
  }
}
fitTables(document);
document.body.addEventListener("htmx:afterSwap", (event) => fitTables(event.target));
