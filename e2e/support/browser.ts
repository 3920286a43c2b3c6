// Debian's Chromium (Playwright must not download a browser here), with the flags that keep
// it quiet on a closed network and let it run as root. A spec that needs more flags (the
// camera's fake device) adds them to these.
export const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
