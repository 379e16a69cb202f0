// UI strings of the organiser console's dashboard, people, reports and audit parts: key → [fr, en, es].
export default {
};
