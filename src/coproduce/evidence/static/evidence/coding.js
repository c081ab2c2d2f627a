// After a passage's themes are saved in place, put focus on its "saved" message, so a
// screen reader announces it and the next Tab goes on to the next passage.
document.body.addEventListener("htmx:afterSwap", (event) => {
  const form = event.detail.target;
  if (form && form.classList && form.classList.contains("cp-excerpt")) {
    const swapped = document.getElementById(form.id);
    const message = swapped && swapped.querySelector(".cp-saved");
    if (message) message.focus();
  }
});
