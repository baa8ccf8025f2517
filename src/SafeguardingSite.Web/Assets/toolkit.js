// The neglect toolkit: the assessment shows its level as choices are made, and the module chooser asks for a choice
// before downloading. Both forms work without this script (the server answers the same posts).

export function initToolkit(root) {
  for (const form of root.querySelectorAll('form[data-assessment]')) {
    const output = root.querySelector('[data-assessment-result]');
    if (output) {
      form.addEventListener('change', () => showLevel(form, output));
    }
  }

  for (const form of root.querySelectorAll('form[data-module-chooser]')) {
    const error = form.querySelector('[data-module-chooser-error]');
    form.addEventListener('submit', (event) => {
      const chosen = form.querySelectorAll('input[name="module"]:checked').length > 0;
      if (error) {
        error.hidden = chosen;
      }
      if (!chosen) {
        event.preventDefault();
        form.querySelector('input[name="module"]')?.focus();
      }
    });
  }
}

async function showLevel(form, output) {
  let response;
  try {
    response = await fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return; // Offline or interrupted: the submit buttons still work.
  }
  if (!response.ok) {
    return;
  }

  const result = await response.json();
  output.replaceChildren();
  if (!result.complete) {
    const remaining = document.createElement('p');
    remaining.textContent = `Choose a description for ${result.remaining} more ${result.remaining === 1 ? 'area' : 'areas'} to see the level of need.`;
    output.append(remaining);
    return;
  }

  const heading = document.createElement('h2');
  heading.textContent = `Suggested level of need: ${result.level}`;
  const explanation = document.createElement('p');
  explanation.textContent = result.explanation;
  const nextHeading = document.createElement('h3');
  nextHeading.textContent = 'Next steps';
  const nextSteps = document.createElement('div');
  nextSteps.className = 'content';
  // The editors' rich text, sanitised by the content engine when it was saved, as the server-rendered page shows it.
  nextSteps.innerHTML = result.nextSteps;
  output.append(heading, explanation, nextHeading, nextSteps);
}
