// UI strings of the hub area: key → [fr, en, es]. "{name}" marks a parameter.
export default {
};
