// Starts GOV.UK Frontend's components. Kept in a file (no inline script) so
// the content security policy can forbid inline scripts.
import { initAll } from "../govuk/govuk-frontend.min.js";

document.body.classList.add("govuk-frontend-supported");
initAll();
