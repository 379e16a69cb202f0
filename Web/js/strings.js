// Every UI string: key → [fr, en, es], one table per area in strings/, merged here. A tuple per key keeps
// the three languages side by side; Tests/Browser/check_i18n.mjs checks that none is missing and that no
// key is defined twice.
import base from './strings/base.js';
import sessions from './strings/sessions.js';
import lounge from './strings/lounge.js';
import desk from './strings/desk.js';
import hub from './strings/hub.js';
import admin from './strings/admin.js';
import consoleStrings from './strings/console.js';

export default { ...base, ...sessions, ...lounge, ...desk, ...hub, ...admin, ...consoleStrings };
