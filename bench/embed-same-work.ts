/**
 * The Link SDK's same-work reference: what its first screen cannot do without, done with nothing
 * else. A module on the client page's own origin makes the same two CORS calls with the company
 * access token (open the session, read the Link state) and puts a heading and one button per
 * category into the target with plain DOM calls. The gap between it and `new CodatLink()` is
 * what the SDK itself costs: Preact, the shadow root and its stylesheets, the Link UI's render.
 */
export const SAME_WORK_PATH = '/same-work.js';
export const SAME_WORK_EXPORT = 'SameWork';

export const SAME_WORK_MODULE = `export class ${SAME_WORK_EXPORT} {
  constructor({ target, props }) { void this.start(target, props); }
  async start(target, props) {
    const base = props.doorwayUrl + '/link/embed/companies/' + props.companyId + '/api';
    const auth = { Authorization: 'Bearer ' + props.accessToken };
    const opened = await (await fetch(base + '/sessions', { method: 'POST', credentials: 'omit', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{"options":{}}' })).json();
    const state = await (await fetch(base + '/state', { credentials: 'omit', headers: { ...auth, 'X-CSRF-Token': opened.sessionId } })).json();
    const screen = document.createElement('div');
    screen.dataset.screen = 'main';
    const heading = document.createElement('h1');
    heading.textContent = state.company.name;
    screen.append(heading);
    for (const category of state.categories) {
      const button = document.createElement('button');
      button.textContent = 'Connect ' + category.sourceType;
      screen.append(button);
    }
    target.append(screen);
  }
}
`;
