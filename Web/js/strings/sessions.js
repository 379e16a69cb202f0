// UI strings of the sessions area: key → [fr, en, es]. "{name}" marks a parameter.
export default {
};
