// UI strings: key → [fr, en, es]. A tuple per key keeps the three languages side by side;
// Tests/Browser/check_i18n.mjs checks that none is missing. "{name}" marks a parameter.
export default {
  'app.title': ['Séminaire', 'Seminar', 'Seminario'],
  'app.skip': ['Aller au contenu', 'Skip to content', 'Ir al contenido'],
  'app.loading': ['Chargement…', 'Loading…', 'Cargando…'],

  'lang.label': ['Langue', 'Language', 'Idioma'],

  'auth.signin.title': ['Se connecter', 'Sign in', 'Iniciar sesión'],
  'auth.signin.email': ['Adresse e-mail', 'Email address', 'Correo electrónico'],
  'auth.signin.password': ['Mot de passe', 'Password', 'Contraseña'],
  'auth.signin.submit': ['Se connecter', 'Sign in', 'Iniciar sesión'],
  'auth.signup.title': ['Créer un compte', 'Create an account', 'Crear una cuenta'],
  'auth.signup.name': ['Nom affiché', 'Display name', 'Nombre visible'],
  'auth.signup.email': ['Adresse e-mail', 'Email address', 'Correo electrónico'],
  'auth.signup.password': ['Mot de passe', 'Password', 'Contraseña'],
  'auth.signup.passwordHint': ['Au moins 8 caractères.', 'At least 8 characters.', 'Al menos 8 caracteres.'],
  'auth.signup.submit': ['Créer mon compte', 'Create my account', 'Crear mi cuenta'],
  'auth.showSignup': ['Pas encore de compte ? Créer un compte', 'No account yet? Create one', '¿Aún no tiene cuenta? Crear una'],
  'auth.showSignin': ['Déjà un compte ? Se connecter', 'Already have an account? Sign in', '¿Ya tiene cuenta? Iniciar sesión'],
  'auth.registrationClosed': ['Les inscriptions sont fermées. Demandez un accès à l’équipe organisatrice.', 'Registration is closed. Ask the organisers for access.', 'El registro está cerrado. Solicite acceso al equipo organizador.'],
  'auth.busy': ['Un instant…', 'One moment…', 'Un momento…'],
  'auth.sessionEnded': ['Votre session a pris fin. Veuillez vous reconnecter.', 'Your session has ended. Please sign in again.', 'Su sesión ha terminado. Vuelva a iniciar sesión.'],
  'auth.logoutFailed': ['Serveur injoignable : votre session est peut-être encore ouverte ici.', 'Server unreachable: your session may still be open here.', 'Servidor inaccesible: puede que su sesión siga abierta aquí.'],

  'error.network': ['Serveur injoignable. Vérifiez votre connexion et réessayez.', 'Cannot reach the server. Check your connection and retry.', 'Servidor inaccesible. Compruebe su conexión y reintente.'],
  'error.unauthenticated': ['Veuillez vous connecter.', 'Please sign in.', 'Inicie sesión.'],
  'error.login.unauthenticated': ['Adresse e-mail ou mot de passe incorrect.', 'Wrong email address or password.', 'Correo electrónico o contraseña incorrectos.'],
  'error.forbidden': ['Vous n’avez pas l’autorisation de faire cela.', 'You are not allowed to do that.', 'No tiene permiso para hacer esto.'],
  'error.register.forbidden': ['Les inscriptions sont fermées.', 'Registration is closed.', 'El registro está cerrado.'],
  'error.not_found': ['Élément introuvable.', 'Not found.', 'No encontrado.'],
  'error.invalid': ['Certaines informations ne sont pas valides.', 'Some information is not valid.', 'Algunos datos no son válidos.'],
  'error.invalid.email': ['Saisissez une adresse e-mail valide.', 'Enter a valid email address.', 'Introduzca un correo electrónico válido.'],
  'error.invalid.password': ['Le mot de passe doit contenir au moins 8 caractères.', 'The password must be at least 8 characters long.', 'La contraseña debe tener al menos 8 caracteres.'],
  'error.invalid.displayName': ['Le nom doit contenir entre 1 et 120 caractères.', 'The name must be 1 to 120 characters long.', 'El nombre debe tener entre 1 y 120 caracteres.'],
  'error.invalid.text': ['Le texte doit contenir entre 1 et 2 000 caractères.', 'The text must be 1 to 2,000 characters long.', 'El texto debe tener entre 1 y 2000 caracteres.'],
  'error.conflict': ['Conflit avec une autre modification. Réessayez.', 'This conflicts with another change. Try again.', 'Conflicto con otro cambio. Inténtelo de nuevo.'],
  'error.conflict.email': ['Un compte existe déjà avec cette adresse e-mail.', 'An account with this email address already exists.', 'Ya existe una cuenta con este correo electrónico.'],
  'error.rate_limited': ['Trop de tentatives. Réessayez dans {seconds} s.', 'Too many attempts. Try again in {seconds} s.', 'Demasiados intentos. Inténtelo de nuevo en {seconds} s.'],
  'error.too_large': ['C’est trop volumineux.', 'That is too large.', 'Es demasiado grande.'],
  'error.unavailable': ['Le service est momentanément indisponible. Réessayez.', 'The service is temporarily unavailable. Try again.', 'El servicio no está disponible por el momento. Inténtelo de nuevo.'],
  'error.internal': ['Une erreur inattendue s’est produite. Réessayez.', 'Something went wrong. Try again.', 'Se ha producido un error inesperado. Inténtelo de nuevo.'],

  'header.user': ['Connecté·e : {name}', 'Signed in: {name}', 'Sesión iniciada: {name}'],
  'header.logout': ['Se déconnecter', 'Sign out', 'Cerrar sesión'],
  'header.dates': ['{range} · fuseau du séminaire : {tz}', '{range} · seminar time zone: {tz}', '{range} · zona horaria del seminario: {tz}'],

  'status.label': ['État de la connexion', 'Connection status', 'Estado de la conexión'],
  'status.connecting': ['Connexion…', 'Connecting…', 'Conectando…'],
  'status.online': ['En ligne', 'Online', 'En línea'],
  'status.offline': ['Hors ligne', 'Offline', 'Sin conexión'],

  'offline.banner': ['Connexion perdue — reconnexion…', 'Connection lost — reconnecting…', 'Conexión perdida — reconectando…'],

  'nav.label': ['Espaces du séminaire', 'Seminar areas', 'Espacios del seminario'],
  'nav.home': ['Accueil', 'Home', 'Inicio'],

  'area.desk': ['Bureau d’accueil', 'Welcome desk', 'Mostrador de bienvenida'],
  'area.lounge': ['Salon de réseautage', 'Networking lounge', 'Salón de networking'],
  'area.sessions': ['Sessions', 'Sessions', 'Sesiones'],
  'area.hub': ['Centre de connaissances', 'Knowledge hub', 'Centro de conocimiento'],
  'area.agenda': ['Mon agenda', 'My agenda', 'Mi agenda'],
  'area.soon': ['Cet espace ouvre bientôt.', 'This area opens soon.', 'Este espacio abrirá pronto.'],

  'home.title': ['Bienvenue au Séminaire', 'Welcome to the Seminar', 'Bienvenida al Seminario'],

  'announcements.title': ['Annonces', 'Announcements', 'Anuncios'],
  'announcements.empty': ['Aucune annonce pour le moment.', 'No announcements yet.', 'Todavía no hay anuncios.'],
  'announcements.latest': ['Dernière annonce', 'Latest announcement', 'Último anuncio'],
  'announcements.dismiss': ['Masquer l’annonce', 'Dismiss announcement', 'Ocultar el anuncio'],
  'announcements.level.info': ['Information', 'Information', 'Información'],
  'announcements.level.warning': ['Avertissement', 'Warning', 'Aviso'],
  'announcements.level.urgent': ['Urgent', 'Urgent', 'Urgente'],

  'announce.title': ['Publier une annonce', 'Post an announcement', 'Publicar un anuncio'],
  'announce.text': ['Texte de l’annonce', 'Announcement text', 'Texto del anuncio'],
  'announce.level': ['Niveau', 'Level', 'Nivel'],
  'announce.submit': ['Publier', 'Post', 'Publicar'],
  'announce.sending': ['Publication…', 'Posting…', 'Publicando…'],
  'announce.sent': ['Annonce publiée.', 'Announcement posted.', 'Anuncio publicado.'],

  'time.seminar': ['{time} (heure du séminaire, {tz})', '{time} (seminar time, {tz})', '{time} (hora del seminario, {tz})'],
};
