import { render } from 'preact';
import { composeKiosk } from './compose';
import { createHubApi } from './data/api';
import { openStores } from './data/stores';
import { replaceAddress } from './platform/address-bar';
import { systemClock as clock } from './platform/clock';
import { downloadText } from './platform/download';
import { verifyEd25519 } from './platform/ed25519';
import { hashText } from './platform/hash';
import { blockBrowserGestures, enterFullscreenOnFirstTouch, keepScreenAwake, onUserActivity } from './platform/kiosk-shell';
import { watchNetwork } from './platform/network';
import { verifyPin } from './platform/pin-crypto';
import { createScanner } from './platform/scanner';
import { createSound } from './platform/sound';
import { readStorage, requestPersistence } from './platform/storage';
import { pageComesBack, startServiceWorkerBridge } from './platform/sw-bridge';
import { listenWedge } from './platform/wedge-input';
import { App } from './ui/App';
import './ui/kiosk.css';
import './ui/staff.css';
import './ui/checkin.css';

// The browser's adapters, handed to the composition root (compose.ts), then the render.
const reload = () => location.reload();
const kiosk = composeKiosk({
  stores: openStores(), clock, online: watchNetwork().online, hubApi: createHubApi, random: (n) => crypto.getRandomValues(new Uint8Array(n)),
  persistStorage: requestPersistence, readStorage, verifyPin, verify: verifyEd25519, hash: hashText, download: downloadText, version: __APP_VERSION__,
  page: { search: location.search, href: location.href, replaceAddress, reload, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone },
  scanner: createScanner(), sound: createSound(), listenWedge: (p) => listenWedge({ ...p, window }),
  shell: { onUserActivity, lockDown: () => (enterFullscreenOnFirstTouch(), keepScreenAwake(), blockBrowserGestures()) },
  serviceWorker: (o) => startServiceWorkerBridge({ ...o, reload, comesBack: pageComesBack, register: import.meta.env.PROD && 'serviceWorker' in navigator }),
});
render(<App models={kiosk.models} />, document.getElementById('app')!);
kiosk.start();
