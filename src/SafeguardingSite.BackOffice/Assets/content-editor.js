// Progressive enhancement for the content screens. Everything works without this file: the tree is <details>,
// rich text is a <textarea> of HTML and every block button is a form post. With it, rich text gets TinyMCE, a second
// press of Save while the first is on its way is ignored, the tree remembers which branches were open, and after a
// block is moved the focus returns to the block that moved.

const storageKey = 'sg.content-tree.open';
const focusKey = 'sg.content-editor.focus';

function richText() {
  const tinymce = window.tinymce;
  if (!tinymce || !document.querySelector('textarea[data-rich-text]')) {
    return;
  }

  tinymce.init({
    selector: 'textarea[data-rich-text]',
    license_key: 'gpl',
    base_url: '/umbraco/assets/editor/tinymce',
    suffix: '.min',
    menubar: false,
    promotion: false,
    branding: false,
    plugins: 'lists link table media autoresize',
    toolbar: 'blocks | bold italic | bullist numlist | link | table | media | undo redo',
    block_formats: 'Paragraph=p; Heading 2=h2; Heading 3=h3; Heading 4=h4',
    link_default_target: '',
    convert_urls: false,
    min_height: 240,
    autoresize_bottom_margin: 16,
    // Each editing area is named after its field's label, so screen readers announce which one has focus: the
    // frame gets a title and the editable body the role of a multi-line text box with that name.
    setup(editor) {
      const label = document.querySelector(`label[for="${CSS.escape(editor.id)}"]`);
      const name = label ? `${label.textContent.trim()}, formatted text` : 'Formatted text';
      editor.on('init', () => {
        const frame = editor.getContentAreaContainer().querySelector('iframe');
        if (frame) {
          frame.title = name;
        }

        const body = editor.getBody();
        body.setAttribute('role', 'textbox');
        body.setAttribute('aria-multiline', 'true');
        body.setAttribute('aria-label', name);
      });

      editor.on('change input undo redo', () => editor.save());
      editor.on('init', () => {
        if (linkedFieldId() === editor.id) {
          editor.getContainer().scrollIntoView();
          editor.focus();
        }
      });
    },
  });
}

function oneSubmitAtATime() {
  for (const form of document.querySelectorAll('form[data-content-editor]')) {
    form.addEventListener('submit', (event) => {
      if (form.dataset.submitting === 'true') {
        event.preventDefault();
        return;
      }

      form.dataset.submitting = 'true';
      const op = event.submitter && event.submitter.name === 'op' ? event.submitter.value : '';
      const moved = /^(up|down):(.*)\[(\d+)\]$/.exec(op);
      if (moved) {
        const index = Number(moved[3]) + (moved[1] === 'up' ? -1 : 1);
        sessionStorage.setItem(focusKey, `${moved[1]}:${moved[2]}[${index}]`);
      }
    });
  }

  // A page restored from the back-forward cache must accept a submit again.
  window.addEventListener('pageshow', () => {
    for (const form of document.querySelectorAll('form[data-content-editor]')) {
      delete form.dataset.submitting;
    }
  });
}

function refocusMovedBlock() {
  const wanted = sessionStorage.getItem(focusKey);
  sessionStorage.removeItem(focusKey);
  if (!wanted) {
    return;
  }

  const [verb, path] = [wanted.slice(0, wanted.indexOf(':')), wanted.slice(wanted.indexOf(':') + 1)];
  const button = document.querySelector(`button[name="op"][value="${CSS.escape(`${verb}:${path}`)}"]`)
    || document.querySelector(`button[name="op"][value="${CSS.escape(`${verb === 'up' ? 'down' : 'up'}:${path}`)}"]`);
  if (button) {
    button.focus();
  }
}

function rememberOpenBranches() {
  const branches = document.querySelectorAll('.content-tree details[data-key]');
  if (branches.length === 0) {
    return;
  }

  let open = {};
  try {
    open = JSON.parse(sessionStorage.getItem(storageKey) || '{}');
  } catch {
    open = {};
  }

  for (const branch of branches) {
    const key = branch.dataset.key;
    if (key in open) {
      branch.open = open[key];
    }

    branch.addEventListener('toggle', () => {
      open[key] = branch.open;
      sessionStorage.setItem(storageKey, JSON.stringify(open));
    });
  }
}

// The pre-publish checks link to a field (#field-…). The browser scrolls to it; this puts the cursor in it too. A rich
// text field's textarea is hidden behind TinyMCE, so that one is focused when its editor is ready (see richText).
function linkedFieldId() {
  try {
    return decodeURIComponent(window.location.hash.slice(1));
  } catch {
    return '';
  }
}

function focusLinkedField() {
  const id = linkedFieldId();
  const field = id.startsWith('field-') ? document.getElementById(id) : null;
  if (field && !field.matches('textarea[data-rich-text]') && typeof field.focus === 'function') {
    field.focus();
  }
}

// After a failed save, start at the list of problems, whose links lead to each field.
function focusErrorSummary() {
  const summary = document.querySelector('.error-summary');
  if (summary) {
    summary.focus();
  }
}

richText();
focusLinkedField();
focusErrorSummary();
oneSubmitAtATime();
refocusMovedBlock();
rememberOpenBranches();
