// Video embeds load only when the reader asks, so no page makes a third-party request on load.
export function initVideos(root) {
  for (const button of root.querySelectorAll('[data-video-embed]')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      const frame = root.createElement('iframe');
      frame.src = button.dataset.videoEmbed;
      frame.title = button.dataset.videoTitle || 'Video';
      frame.allow = 'fullscreen; picture-in-picture';
      frame.referrerPolicy = 'no-referrer';
      const holder = root.createElement('div');
      holder.className = 'video__frame';
      holder.appendChild(frame);
      button.replaceWith(holder);
      frame.focus();
    });
  }
}
