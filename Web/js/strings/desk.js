// UI strings of the desk area: key → [fr, en, es]. "{name}" marks a parameter.
export default {
};
