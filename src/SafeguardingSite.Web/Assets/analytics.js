// What the server cannot see for itself, sent to the site's own analytics endpoint: how long a page was on screen,
// clicks on links to other sites, and downloads of files that are not served through /media/ (which the server
// counts). The page names the endpoint only when analytics is on; the script sends nothing when the browser asks not
// to be tracked, never sets a cookie and stores nothing in the browser.
const maxEngagedSeconds = 1800;
// Set by quick-exit.js on the page being left.
const quickExitClass = 'quick-exit--hidden-page';
const fileTypes = /\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|csv|txt|zip|epub|mp3|mp4|m4a)$/i;

function browserOptsOut(win) {
  const nav = win.navigator;
  return nav.doNotTrack === '1' || win.doNotTrack === '1' || nav.globalPrivacyControl === true;
}

export function initAnalytics(root, win) {
  const endpoint = root.body && root.body.getAttribute('data-analytics-beacon');
  if (!endpoint || browserOptsOut(win)) {
    return;
  }

  const path = win.location.pathname;
  const send = (beacon) => {
    const body = JSON.stringify({ ...beacon, path });
    try {
      if (win.navigator.sendBeacon && win.navigator.sendBeacon(endpoint, body)) {
        return;
      }
    } catch {
      // a browser that refuses the beacon gets the fetch below
    }
    win.fetch(endpoint, { method: 'POST', body, keepalive: true, credentials: 'same-origin', headers: { 'Content-Type': 'text/plain' } })
      .catch(() => {});
  };

  // Only time with the page visible counts; each report sends what was not reported yet, up to the cap per page.
  let visibleSince = root.visibilityState === 'visible' ? win.performance.now() : null;
  let unreportedMs = 0;
  let reportedSeconds = 0;
  const reportEngagement = () => {
    // Someone leaving by the quick exit may be watched: the exit sends nothing, and nothing holds up the way out.
    if (root.body.classList.contains(quickExitClass)) {
      return;
    }
    if (visibleSince !== null) {
      unreportedMs += win.performance.now() - visibleSince;
      visibleSince = null;
    }
    const seconds = Math.min(Math.floor(unreportedMs / 1000), maxEngagedSeconds - reportedSeconds);
    if (seconds > 0) {
      unreportedMs -= seconds * 1000;
      reportedSeconds += seconds;
      send({ kind: 'engagement', seconds });
    }
  };
  const startTiming = () => {
    if (visibleSince === null && root.visibilityState === 'visible') {
      visibleSince = win.performance.now();
    }
  };
  root.addEventListener('visibilitychange', () => {
    if (root.visibilityState === 'hidden') {
      reportEngagement();
    } else {
      startTiming();
    }
  });
  // A page can still count as hidden while it loads, and one restored from the back/forward cache starts again.
  win.addEventListener('pageshow', startTiming);
  win.addEventListener('pagehide', reportEngagement);

  const reportLink = (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    // The quick-exit button must leave at once and leave no trace of the visit.
    if (!link || link.hasAttribute('data-quick-exit') || event.button > 1) {
      return;
    }
    let url;
    try {
      url = new URL(link.href, win.location.href);
    } catch {
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return;
    }
    const external = url.hostname !== win.location.hostname;
    const file = link.hasAttribute('download') || fileTypes.test(url.pathname);
    if (!external && (!file || url.pathname.startsWith('/media/'))) {
      return;
    }
    // Never the query string or fragment: they can hold what someone typed.
    send({ kind: file ? 'download' : 'outbound', href: url.origin + url.pathname });
  };
  root.addEventListener('click', reportLink);
  root.addEventListener('auxclick', reportLink);
}
