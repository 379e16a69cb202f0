// Role changes while the page is open. An organiser's `role.set` (or an import) sends `role.changed {role,
// roomId}` on the person's `user:` topic; home.js takes the new role at once: menus, areas (setUser), and a page the
// new role may not use is left for the home page, with a notice saying why. A room given or taken away
// (`hosting.changed {roomId}`) comes as a change without a new role: an open room's host controls follow.

/** Calls `onChange(role, {roomId})` for each `role.changed` on the person's topic (role null: hosting changed). */
export function watchRole({ socket, user, onChange }) {
  const topic = `user:${user.id}`;
  const onEvent = (event) => {
    if (event.type === 'hosting.changed') onChange(null, { roomId: event.data?.roomId ?? null });
    if (event.type !== 'role.changed' || typeof event.data?.role !== 'string') return;
    onChange(event.data.role, { roomId: event.data.roomId ?? null });
  };
  socket.subscribe(topic, onEvent, null).catch((error) => console.warn('user topic', error.code));
  return { unmount() { socket.unsubscribe(topic, onEvent); } };
}

/** Whether the route `{area, path}` is open to `role`: the console to organisers, the agents' console to agents and organisers. */
export function routeOpenTo(route, role) {
  if (route.area === 'admin') return role === 'organiser';
  if (route.area === 'desk' && route.path[0] === 'agent') return role === 'agent' || role === 'organiser';
  return true;
}
