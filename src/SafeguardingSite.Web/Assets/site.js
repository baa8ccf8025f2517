// Progressive enhancement only: every page works without this script.
import { initQuickExit } from './quick-exit.js';
import { initNavigation } from './navigation.js';
import { initVideos } from './videos.js';
import { initPrint } from './print.js';

document.documentElement.classList.add('js');
initQuickExit(document);
initNavigation(document);
initVideos(document);
initPrint(document);
