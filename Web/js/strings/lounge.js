// UI strings of the lounge area: key → [fr, en, es]. "{name}" marks a parameter.
export default {
};
