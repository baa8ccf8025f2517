// Progressive enhancement only: every page works without this script.
import { initQuickExit } from './quick-exit.js';
import { initNavigation } from './navigation.js';
import { initVideos } from './videos.js';
import { initPrint } from './print.js';
import { initToolkit } from './toolkit.js';
import { initAnalytics } from './analytics.js';

document.documentElement.classList.add('js');
initQuickExit(document);
initNavigation(document);
initVideos(document);
initPrint(document);
initToolkit(document);
initAnalytics(document, window);
