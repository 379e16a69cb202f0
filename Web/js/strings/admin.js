// UI strings of the admin area: key → [fr, en, es]. "{name}" marks a parameter.
export default {
};
