/** French messages. Keys and {placeholders} as in en.ts. */
import type { en } from './en.js';

export const fr: Record<keyof typeof en, string> = {
  'app.name': 'Outmerge',
  'app.tagline': 'Publipostage pour Outlook',
  'common.signIn': 'Se connecter',
  'common.signOut': 'Se déconnecter',
  'common.cancel': 'Annuler',
  'common.close': 'Fermer',
  'common.retry': 'Réessayer',
  'common.loading': 'Chargement…',
  'common.refresh': 'Actualiser',
  'common.language': 'Langue',
  'common.previous': 'Précédent',
  'common.next': 'Suivant',
  'common.label': '{label} :',
  'common.labelled': '{label} : {value}',

  'auth.title': 'Se connecter avec Microsoft 365',
  'auth.intro':
    'Outmerge utilise ton compte Microsoft 365 pour envoyer depuis ta boîte aux lettres et vérifier ta licence.',
  'auth.dev.title': 'Connexion de développement',
  'auth.dev.explain':
    'Ce déploiement utilise le fournisseur d’identité de développement au lieu de Microsoft 365. Choisis sous quelle identité tu te connectes.',
  'auth.dev.email': 'Adresse e-mail',
  'auth.dev.organisation': 'Organisation (locataire Microsoft 365)',
  'auth.dev.organisationFromDomain': 'D’après le domaine de l’adresse e-mail',
  'auth.dev.name': 'Nom d’affichage (facultatif)',
  'auth.dev.invalidEmail': 'Saisis une adresse e-mail valide, par exemple anna@contoso.com.',
  'auth.error': 'La connexion a échoué : {message}',
  'auth.signedInAs': 'Connecté en tant que {email}',
  'auth.windowBlocked':
    'La fenêtre de connexion n’a pas pu s’ouvrir. Autorise les fenêtres contextuelles pour ce site (dans Outlook sur le web, choisis Autoriser quand Outlook le demande), puis réessaie.',
  'consent.title': 'Ton organisation n’a pas encore approuvé cela pour Outmerge',
  'consent.explain':
    'Outmerge a besoin {count, plural, one {de cette autorisation} other {de ces autorisations}} de ton compte Microsoft 365, que ton administrateur informatique doit accorder pour ton organisation :',
  'consent.permission.api': 'te connecter à Outmerge et vérifier ta licence',
  'consent.permission.userRead': 'te connecter (l’autorisation de connexion de base de Microsoft)',
  'consent.permission.mailReadWrite':
    'créer chaque message comme brouillon dans ta boîte aux lettres avant de l’envoyer et, si tu l’actives, lire les retours et les réponses et garder ta liste d’exclusion dans un dossier masqué',
  'consent.permission.mailSend': 'envoyer les messages depuis ta boîte aux lettres',
  'consent.permission.mailSendShared': 'envoyer en tant que boîte aux lettres partagée ou de sa part',
  'consent.permission.contactsRead': 'lire tes contacts Outlook comme liste de destinataires',
  'consent.permission.contactsReadShared': 'lire les contacts d’une boîte aux lettres partagée',
  'consent.askIt':
    'Envoie ce lien à ton administrateur informatique ; il l’ouvre une fois et approuve pour tout le monde :',
  'consent.link': 'lien de consentement administrateur pour ton organisation',
  'consent.retry': 'Réessayer une fois l’approbation donnée',
  'consent.granted':
    'Le consentement administrateur est accordé pour ton organisation : tes utilisateurs peuvent utiliser Outmerge sans qu’on leur demande d’autorisations.',
  'consent.notGranted': 'Le consentement administrateur n’a pas été accordé : {message}',
  'authDialog.working': 'Connexion avec Microsoft 365…',
  'authDialog.done': 'Connecté. Cette fenêtre se ferme toute seule.',
  'authDialog.failed': 'La connexion a échoué : {message}',
  'authDialog.notFromPane':
    'Cette fenêtre de connexion s’ouvre depuis le volet Outmerge dans Outlook. Ferme-la et connecte-toi depuis le volet.',
  'authDialog.development':
    'Ce déploiement utilise le fournisseur d’identité de développement : cette fenêtre de connexion ne sert pas.',

  'license.title': 'Licence',
  'license.checking': 'Vérification de ta licence…',
  'license.licensed': 'Sous licence',
  'license.free': 'Version gratuite',
  'license.licensedDetail': 'Tes messages sont envoyés sans le pied de page Outmerge.',
  'license.freeDetail': 'Chaque message se termine par un court pied de page Outmerge.',
  'license.expiredDetail':
    'L’abonnement de ton organisation a expiré : les messages incluent donc le pied de page Outmerge jusqu’à son renouvellement. Contacte le propriétaire de l’abonnement.',
  'license.suspendedDetail':
    'Ta licence est suspendue : les messages incluent donc le pied de page Outmerge. Contacte ton administrateur.',
  'license.removedDetail':
    'Un administrateur a retiré ta licence : les messages incluent donc le pied de page Outmerge. S’il s’agit d’une erreur, adresse-toi à ton administrateur.',
  'license.offlineDetail':
    'Le serveur de licences est injoignable. Les messages incluent le pied de page Outmerge tant que ta licence n’a pas pu être confirmée ; l’envoi fonctionne toujours.',
  'license.cachedDetail':
    'Le serveur de licences est injoignable ; ta licence, confirmée précédemment, reste valable jusqu’au {date}.',
  'license.signInExpiredDetail':
    'Ta connexion a expiré : ta licence n’a pas pu être vérifiée et les messages incluent le pied de page Outmerge. Déconnecte-toi puis reconnecte-toi.',
  'license.invalidDetail':
    'La réponse du serveur de licences n’a pas pu être vérifiée : les messages incluent le pied de page Outmerge. Réessaie plus tard ; si cela continue, contacte ton administrateur.',
  'license.clockDetail':
    'L’horloge de ton ordinateur semble avoir été reculée : ta licence enregistrée n’est pas fiable et les messages incluent le pied de page Outmerge. Corrige la date et l’heure, puis vérifie de nouveau.',
  'license.openPortal': 'Ouvrir le portail de licences',
  'license.recheck': 'Vérifier à nouveau',

  'template.title': 'Message',
  'template.explain':
    'L’objet et le corps proviennent du message que tu rédiges. Place des champs de fusion comme {{Prénom}} là où doit figurer la valeur propre à chaque destinataire.',
  'template.reload': 'Recharger depuis le message',
  'template.subject': 'Objet',
  'template.fieldsUsed': 'Champs de fusion utilisés',
  'template.noFields': 'Aucun champ de fusion pour l’instant. Saisis-en un dans le message, par exemple {{Prénom}}.',
  'template.empty': 'Le message n’a encore ni objet ni corps. Rédige-le dans la fenêtre de rédaction, puis recharge.',
  'template.readError': 'Impossible de lire le message : {message}',
  'picker.title': 'Insérer un champ de fusion',
  'picker.column': 'Colonne',
  'picker.choose': 'Choisis une colonne',
  'picker.fallback': 'Si la cellule est vide, écrire (facultatif)',
  'picker.fallbackHint': 'Par exemple « à tous » : le message dit alors « Bonjour à tous » à une ligne sans prénom.',
  'picker.fallbackBraces': 'Le texte pour les cellules vides ne peut pas contenir { ni }.',
  'picker.insert': 'Insérer dans le message',
  'picker.hint':
    'Clique dans le message là où le champ doit aller, puis insère-le. Dans l’objet, saisis le champ toi-même.',
  'picker.noList': 'Choisis d’abord une liste de destinataires : le sélecteur propose ses colonnes.',
  'picker.unusable':
    '{count, plural, one {Cette colonne ne peut pas servir de champ de fusion} other {Ces colonnes ne peuvent pas servir de champs de fusion}} à cause d’une accolade, d’une barre verticale, de guillemets ou d’un signe égal dans le nom : {columns}. {count, plural, one {Renomme-la} other {Renomme-les}} dans le fichier.',
  'picker.inserted': '{tag} figure maintenant dans le message, là où se trouvait le curseur.',
  'picker.failed':
    'Le champ n’a pas pu être inséré ({message}). Clique dans le message là où il doit aller et réessaie, ou saisis-y {tag}.',
  'syntax.title': 'Comment fonctionnent les champs de fusion',
  'syntax.fieldCode': '{{Prénom}}',
  'syntax.field': 'La valeur de la ligne dans la colonne « Prénom ». Majuscules et espaces ne comptent pas.',
  'syntax.fallbackCode': '{{Prénom | à tous}}',
  'syntax.fallback': 'La même chose, ou « à tous » quand la cellule est vide.',
  'syntax.ifCode': '{{#if Société}}chez {{Société}}{{else}}à titre personnel{{/if}}',
  'syntax.if': 'Le premier texte quand la cellule est remplie, sinon le texte après {{else}}. {{else}} est facultatif.',
  'syntax.ifValueCode': '{{#if Pays = "DE"}}Guten Tag{{else}}Bonjour{{/if}}',
  'syntax.ifValue':
    'Compare la cellule à une valeur (les majuscules ne comptent pas) ; != signifie « est différent de ».',
  'syntax.where':
    'Les champs fonctionnent dans l’objet et le corps, liens compris. Les valeurs sont insérées comme du texte : une cellule ne peut ajouter ni mise en forme, ni image, ni lien.',

  'recipients.title': 'Destinataires',
  'recipients.explain':
    'Choisis un fichier CSV ou Excel (.xlsx) avec une ligne d’en-tête et une ligne par destinataire.',
  'recipients.choose': 'Choisir un fichier CSV ou Excel',
  'recipients.reading': 'Lecture de {file}…',
  'recipients.loaded':
    '{rows, plural, one {# ligne} other {# lignes}} et {columns, plural, one {# colonne} other {# colonnes}} dans {file}',
  'recipients.emailColumn': 'Colonne des adresses e-mail',
  'recipients.noEmailColumn':
    'Aucune colonne de {file} ne contient d’adresses e-mail. Ajoute une colonne avec les adresses des destinataires (par exemple « E-mail »), enregistre le fichier et choisis-le à nouveau.',
  'recipients.noRows':
    '{file} contient une ligne d’en-tête mais aucun destinataire. Ajoute une ligne par destinataire et choisis le fichier à nouveau.',
  'recipients.parseError':
    'Impossible de lire {file} ({message}). Enregistre-le au format CSV (UTF-8) et choisis-le à nouveau.',
  'recipients.notCsv':
    '{file} n’est pas un fichier CSV. Enregistre ta feuille de calcul au format CSV (UTF-8) et choisis ce fichier.',
  'recipients.mostlyInvalid':
    'La colonne « {column} » de {file} devrait contenir les adresses des destinataires, mais {invalid, plural, one {# valeur sur {total, number} n’est pas une adresse e-mail} other {# valeurs sur {total, number} ne sont pas des adresses e-mail}} (par exemple « {example} »). Corrige les adresses, enregistre le fichier et choisis-le à nouveau.',
  'grid.title': 'Lignes à envoyer',
  'grid.search': 'Rechercher des lignes',
  'grid.searchHint': 'Affiche les lignes dont une cellule contient ce texte ; inclus-les ou écarte-les d’un coup.',
  'grid.count':
    '{included, plural, one {# ligne} other {# lignes}} sur {total, number} {included, plural, one {sera envoyée} other {seront envoyées}}',
  'grid.matching':
    '{count, plural, =0 {Aucune ligne ne contient « {query} ».} one {# ligne contient « {query} ».} other {# lignes contiennent « {query} ».}}',
  'grid.preparing': 'Préparation de la recherche dans les lignes…',
  'grid.includeShown': 'Inclure {count, plural, one {cette ligne} other {ces # lignes}}',
  'grid.excludeShown': 'Écarter {count, plural, one {cette ligne} other {ces # lignes}}',
  'grid.send': 'Envoi',
  'grid.row': 'Ligne',
  'grid.include': 'Envoyer à la ligne {row}',
  'grid.outsideFollowUp': 'La ligne {row} ne fait pas partie de la relance',
  'grid.table': 'Lignes des destinataires',

  'preview.title': 'Aperçu',
  'preview.position': 'Destinataire {index, number} sur {total, number}',
  'preview.checking': 'Vérification des destinataires : {done, number} sur {total, number}…',
  'preview.to': 'À',
  'preview.subject': 'Objet',
  'preview.frameTitle': 'Aperçu du message à {address}',
  'preview.footerNote': 'Le pied de page Outmerge est ajouté car tu utilises la version gratuite.',
  'preview.excluded': 'Cette ligne ne sera pas envoyée : {reason}',

  'problems.title': 'Vérifications avant l’envoi',
  'problems.none': 'Aucun problème détecté.',
  'problems.part.subject': 'objet',
  'problems.part.body': 'corps',
  'problems.unknownField':
    'Le {part} utilise {tag} dans « {excerpt} », mais aucune colonne ne s’appelle « {field} ». Renomme le champ de fusion ou la colonne.',
  'problems.unsupportedTag':
    'Le {part} contient {tag} dans « {excerpt} », qui n’est pas un champ de fusion. Utilise {{Colonne}}, {{Colonne | texte de remplacement}} ou {{#if Colonne}}…{{/if}}.',
  'problems.syntax':
    'Une condition du {part} n’a pas pu être lue. Garde chaque {{#if}}…{{/if}} soit entièrement dans l’adresse d’un lien, soit en dehors.',
  'problems.didYouMean': 'Voulais-tu dire {suggestion} ?',
  'problems.unclosedCondition':
    'La condition {tag} du {part} (« {excerpt} ») n’a pas de {{/if}}. Ajoute {{/if}} là où son texte se termine.',
  'problems.unexpectedElse':
    'Le {{else}} du {part} (« {excerpt} ») n’appartient à aucune condition, ou c’en est le deuxième. Supprime-le, ou place {{#if Colonne}} avant lui.',
  'problems.unexpectedEnd':
    'Le {{/if}} du {part} (« {excerpt} ») n’a pas de {{#if}} avant lui. Supprime-le, ou place {{#if Colonne}} là où son texte commence.',
  'problems.invalidAddress':
    'Ligne {row} : « {address} » n’est pas une adresse e-mail valide. Cette ligne sera ignorée.',
  'problems.missingAddress': 'La ligne {row} n’a pas d’adresse e-mail. Elle sera ignorée.',
  'problems.duplicate': 'Ligne {row} : {address} figure déjà à la ligne {first}. Cette ligne sera ignorée.',
  'problems.emptyField':
    'Ligne {row} : {fields} est vide. Ajoute une valeur par défaut, par exemple {{{example} | cher client}}, ou remplis la cellule.',
  'problems.moreRows': '…et {count, number} de plus.',

  'send.title': 'Envoyer',
  'send.button': 'Envoyer {count, plural, one {# message} other {# messages}}',
  'send.buttonOne': 'Envoyer 1 message',
  'send.signInFirst': 'Connecte-toi pour envoyer.',
  'send.fixProblems': 'Corrige les problèmes du message avant l’envoi.',
  'send.nothingToSend': 'Il n’y a aucun destinataire.',
  'send.checking': 'Les destinataires sont en cours de vérification. L’envoi pourra commencer ensuite.',
  'send.starting': 'Préparation de la campagne…',
  'send.storageFailed':
    'La campagne n’a pas pu être enregistrée dans ce navigateur ({message}). Libère de l’espace disque ou autorise ce site à stocker des données, puis relance l’envoi.',
  'send.sending': 'Envoi en cours…',
  'send.progress':
    '{sent, plural, one {# envoyé} other {# envoyés}}, {failed, number} en échec, {remaining, plural, one {# restant} other {# restants}}',
  'send.timeLeft': 'Environ {minutes, plural, one {# min restante} other {# min restantes}}',
  'send.estimate': 'L’envoi prend environ {duration}, à {rate, plural, one {# message} other {# messages}} par minute.',
  'send.estimateDays':
    'Avec la limite de 24 heures de la boîte aux lettres, la campagne prend {days, plural, one {# jour} other {# jours}} et devrait se terminer vers {time}.',
  'duration.underMinute': 'moins d’une minute',
  'duration.minutes': '{count, plural, one {# minute} other {# minutes}}',
  'duration.hours': '{count, plural, one {# heure} other {# heures}}',
  'send.throttled': 'Microsoft 365 a demandé à Outmerge de ralentir. L’envoi reprend dans {seconds, number} s.',
  'send.done': 'Terminé : {sent, plural, one {# envoyé} other {# envoyés}}, {failed, number} en échec.',
  'send.cancelled':
    'Arrêté : {sent, plural, one {# envoyé} other {# envoyés}}, {remaining, plural, one {# non envoyé} other {# non envoyés}}.',
  'send.cancel': 'Arrêter l’envoi',
  'send.failedRow': 'Ligne {row} ({address}) : {reason}',
  'send.unknownOutcome':
    'Microsoft 365 n’a pas confirmé ce message. Regarde dans Éléments envoyés avant de le renvoyer.',
  'send.rejected': 'Microsoft 365 a refusé le message : {message}',
  'send.authFailed': 'Ta connexion a expiré. Reconnecte-toi et envoie les lignes restantes.',
  'send.sendAsDenied':
    'Tu n’as pas le droit d’envoyer depuis cette boîte aux lettres. Demande à ton administrateur l’autorisation « Envoyer en tant que » ou « Envoyer de la part de ».',
  'send.blocked.send_as_denied':
    'L’envoi s’est arrêté avant qu’un message parte au nom de {mailbox} : Microsoft 365 indique que {user} n’a pas le droit d’envoyer depuis cette boîte aux lettres. Demande à ton administrateur informatique de donner à {user} l’autorisation « Envoyer en tant que » ou « Envoyer de la part de » sur {mailbox} (Centre d’administration Exchange › Destinataires › Boîtes aux lettres › {mailbox} › Délégation), puis reprends. Aucune autre ligne n’a été touchée.',
  'send.blocked.access_denied':
    'L’envoi s’est arrêté : Microsoft 365 a refusé à Outmerge l’accès à ta boîte aux lettres. Demande à ton administrateur informatique d’accorder le consentement administrateur aux autorisations Microsoft Graph d’Outmerge (voir l’aide informatique du portail), puis reprends.',
  'send.blocked.sender_restricted':
    'L’envoi s’est arrêté : Exchange a renvoyé des messages avec « 5.1.8 Access denied, bad outbound sender », ta boîte aux lettres est donc bloquée pour l’envoi. Demande à ton administrateur informatique de te débloquer dans le portail Microsoft Defender (E-mail et collaboration › Vérifier › Entités restreintes), puis reprends. Les lignes renvoyées sont signalées dans le rapport.',
  'send.blocked.files_missing':
    'Envoi en pause : le volet Outmerge qui devait continuer appartient à un message sans {files}. Les fichiers d’une campagne viennent du message depuis lequel elle a été lancée : dans Outmerge ouvert dans ce message, elle continue d’elle-même (ouvre le message s’il est fermé), ou joins les fichiers à ce message-ci et reprends. Aucune ligne n’a été touchée.',

  'portal.title': 'Portail de licences Outmerge',
  'portal.intro':
    'Achète des licences pour ton organisation et attribue-les aux personnes qui envoient des publipostages.',
  'portal.signInPrompt': 'Connecte-toi avec le compte Microsoft 365 qui possède ou possédera l’abonnement.',
  'portal.subscriptions': 'Tes abonnements',
  'portal.noSubscriptions':
    'Tu ne possèdes pas encore d’abonnement. Achète des licences pour supprimer le pied de page Outmerge pour ton équipe.',
  'portal.buy': 'Acheter des licences',
  'portal.plan': 'Forfait',
  'portal.seats': 'Licences',
  'portal.status': 'État',
  'portal.renews': 'Renouvellement le',
  'portal.owner': 'Propriétaire',
  'portal.assignedOf':
    '{assigned, number} sur {quantity, number} {assigned, plural, one {attribuée} other {attribuées}}',
  'portal.manage': 'Gérer',
  'portal.back': 'Tous les abonnements',
  'portal.itHelp': 'Aide informatique',
  'portal.subscriptionTitle': 'Abonnement : {plan}, {quantity, plural, one {# licence} other {# licences}}',

  'plan.monthly': 'Mensuel',
  'plan.annual': 'Annuel',
  'plan.perSeatMonth': '{price} par licence et par mois',
  'plan.perSeatYear': '{price} par licence et par an',

  'status.trial': 'Essai',
  'status.active': 'Actif',
  'status.past_due': 'Paiement en retard',
  'status.expired': 'Expiré',
  'status.cancelled': 'Annulé',

  'checkout.title': 'Acheter des licences Outmerge',
  'checkout.plan': 'Forfait',
  'checkout.quantity': 'Nombre de licences',
  'checkout.card': 'Numéro de carte',
  'checkout.cardHint':
    'Paiements simulés : 4242 4242 4242 4242 est accepté, 4000 0000 0000 0002 est refusé, 4000 0027 6000 3184 demande une confirmation à ta banque.',
  'checkout.total': 'Total aujourd’hui : {amount}',
  'checkout.pay': 'Payer {amount}',
  'checkout.paying': 'Traitement du paiement…',
  'checkout.owner': 'Ton compte Microsoft 365 {email} sera propriétaire de cet abonnement.',
  'checkout.quantityInvalid': 'Saisis un nombre de licences entre 1 et {max, number}.',
  'checkout.cardRequired': 'Saisis un numéro de carte.',
  'checkout.step.cart': 'Panier',
  'checkout.step.review': 'Vérification',
  'checkout.step.payment': 'Paiement',
  'checkout.addLine': 'Ajouter : {plan}',
  'checkout.removeLine': 'Retirer : {plan}',
  'checkout.lineAmount': '{amount} par {interval}',
  'checkout.interval.month': 'mois',
  'checkout.interval.year': 'an',
  'checkout.volume': 'Prix dégressif : à partir de la {from}e licence, chaque licence coûte {price}.',
  'checkout.emptyCart': 'Ajoute un forfait à ton panier.',
  'checkout.toReview': 'Vérifier la commande',
  'checkout.reviewTitle': 'Vérifie ta commande',
  'checkout.reviewLine': '{plan}, {quantity, plural, one {# licence} other {# licences}}',
  'checkout.subtotal': 'Sous-total',
  'checkout.tax': 'TVA ({rate})',
  'checkout.confirmOrder': 'Confirmer la commande',
  'checkout.back': 'Retour',
  'checkout.renewalNote':
    'Renouvellement automatique avec la même carte à la fin de chaque période ; tu peux changer le nombre de licences à tout moment.',
  'checkout.authTitle': 'Confirme le paiement auprès de ta banque',
  'checkout.authText': 'Ta banque te demande de confirmer le paiement de {amount}.',
  'checkout.authSimulated': 'Banque simulée : choisis la réponse de ta banque.',
  'checkout.authApprove': 'Confirmer le paiement',
  'checkout.authDecline': 'Refuser',
  'quantity.open': 'Modifier les licences',
  'quantity.title': 'Modifier le nombre de licences',
  'quantity.new': 'Nouveau nombre de licences',
  'quantity.unused': 'Temps non utilisé sur {quantity, plural, one {# licence} other {# licences}}',
  'quantity.remaining': 'Temps restant sur {quantity, plural, one {# licence} other {# licences}} jusqu’au {date}',
  'quantity.creditApplied': 'Avoir utilisé',
  'quantity.dueNow': 'Débité maintenant : {amount}',
  'quantity.recurring': 'Ensuite {amount} par {interval} hors taxes',
  'quantity.decrease': 'La réduction prend effet au renouvellement du {date} ; rien n’est débité maintenant.',
  'quantity.same': 'C’est le nombre actuel de licences.',
  'quantity.belowAssigned':
    'Licences attribuées : {assigned, number}. Pour descendre en dessous, retire d’abord des licences.',
  'quantity.confirm': 'Confirmer',
  'quantity.done': 'C’est fait : {quantity, plural, one {# licence} other {# licences}}.',
  'quantity.scheduled': '{quantity, plural, one {# licence} other {# licences}} à partir du {date}',
  'tab.billing': 'Facturation',
  'billing.invoices': 'Factures',
  'billing.noInvoices': 'Aucune facture pour l’instant.',
  'billing.number': 'Numéro',
  'billing.date': 'Date',
  'billing.kind': 'Objet',
  'billing.amount': 'Montant',
  'billing.status': 'Statut',
  'billing.view': 'Afficher et imprimer',
  'billing.kind.purchase': 'Achat',
  'billing.kind.quantity_change': 'Modification des licences',
  'billing.kind.renewal': 'Renouvellement',
  'billing.kind.consolidation': 'Regroupement',
  'billing.paymentMethod': 'Moyen de paiement',
  'billing.card': '{brand} se terminant par {last4}',
  'billing.noCard': 'Aucun moyen de paiement enregistré.',
  'billing.replace': 'Remplacer la carte',
  'billing.ended.expired':
    'Cet abonnement a expiré : règle la facture en attente pour le réactiver, puis change sa carte ou ses coordonnées de facturation si besoin.',
  'billing.ended.cancelled':
    'Cet abonnement est annulé : sa carte et ses coordonnées de facturation ne changent plus. Ses factures et ses avoirs restent ici.',
  'billing.saveCard': 'Enregistrer la carte',
  'billing.cardSaved': 'Carte enregistrée.',
  'billing.nextRenewal': 'Prochain renouvellement le {date} : {amount} hors taxes.',
  'billing.credit': 'Avoir pour la prochaine facture : {amount}',
  'billing.pastDue':
    'Le paiement du renouvellement a échoué. Règle la facture {number} ({amount}) avant le {date} pour garder tes licences.',
  'billing.expired':
    'L’abonnement a expiré car la facture {number} ({amount}) n’a pas été réglée. Règle-la pour réactiver tes licences.',
  'billing.payWith': 'Carte pour payer (vide : la carte enregistrée)',
  'billing.pay': 'Payer {amount}',
  'billing.paid': 'Merci : la facture est réglée.',
  'billingProfile.title': 'Coordonnées de facturation',
  'billingProfile.intro':
    'Ce que les factures indiquent. Le pays et le numéro de TVA déterminent la TVA des prochaines factures ; les factures déjà émises ne changent pas.',
  'billingProfile.none':
    'Pas encore de coordonnées de facturation : les factures indiquent l’organisation et l’adresse du propriétaire.',
  'billingProfile.company': 'Raison sociale',
  'billingProfile.address': 'Adresse (rue, code postal, ville)',
  'billingProfile.country': 'Pays',
  'billingProfile.vatId': 'Numéro de TVA intracommunautaire',
  'billingProfile.vatIdHint': 'Par exemple {example}. Laisse le champ vide si tu achètes en tant que particulier.',
  'billingProfile.vatIdNotUsed': 'Inutile : seuls les numéros de TVA de l’UE et de la Suisse sont pris en compte.',
  'billingProfile.email': 'Adresse e-mail pour les factures',
  'billingProfile.language': 'Langue des factures',
  'billingProfile.save': 'Enregistrer les coordonnées',
  'billingProfile.saved': 'Enregistré. Les prochaines factures utiliseront ces coordonnées.',
  'billingProfile.companyRequired': 'Saisis la raison sociale imprimée sur les factures.',
  'billingProfile.addressRequired': 'Saisis l’adresse imprimée sur les factures.',
  'billingProfile.vatIdInvalid':
    'Ce n’est pas un numéro de TVA valable pour ce pays ({country}). Vérifie le pays et le numéro (par exemple {example}), ou laisse le champ vide si tu achètes en tant que particulier.',
  'billingProfile.emailInvalid':
    'Saisis l’adresse e-mail à laquelle envoyer les factures, par exemple billing@contoso.com.',
  'billingProfile.tax.vat': 'Les factures portent une TVA de {rate}.',
  'billingProfile.tax.reverseCharge':
    'Pas de TVA sur les factures : en tant qu’entreprise avec un numéro de TVA, tu l’autoliquides.',
  'billingProfile.tax.outsideScope': 'Pas de TVA sur les factures : hors du champ de la TVA de l’UE.',
  'invoice.seller': 'Vendeur',
  'invoice.vatId': 'N° de TVA : {vatId}',
  'invoice.taxNote.eu_reverse_charge':
    'Autoliquidation : TVA due par le preneur (article 196 de la directive 2006/112/CE).',
  'invoice.taxNote.ch_reverse_charge':
    'TVA suisse due par le client (impôt sur les acquisitions) ; aucune TVA de l’UE facturée.',
  'invoice.taxNote.outside_scope': 'TVA non applicable : lieu de prestation hors de l’UE.',
  'invoice.title': 'Facture {number}',
  'invoice.issued': 'Émise le {date}',
  'invoice.status.paid': 'Réglée',
  'invoice.status.open': 'À régler',
  'invoice.billTo': 'Facturé à',
  'invoice.period': 'Période : du {from} au {to}',
  'invoice.description': 'Description',
  'invoice.quantity': 'Qté',
  'invoice.unitPrice': 'Prix unitaire',
  'invoice.amount': 'Montant',
  'invoice.subtotal': 'Sous-total',
  'invoice.tax': 'TVA ({rate})',
  'invoice.total': 'Total',
  'invoice.paidOn': 'Réglée le {date}.',
  'invoice.line.seats': 'Outmerge {plan}, licences {from, number} à {to, number}',
  'invoice.line.unused':
    'Temps non utilisé sur {quantity, plural, one {# licence} other {# licences}}, Outmerge {plan}',
  'invoice.line.unusedMerged':
    'Temps non utilisé sur {quantity, plural, one {# licence} other {# licences}}, Outmerge {plan} (abonnement fusionné {subscription})',
  'invoice.line.remaining': 'Temps restant sur {quantity, plural, one {# licence} other {# licences}}, Outmerge {plan}',
  'invoice.line.tierSeats': '{line}, licences {from, number} à {to, number}',
  'invoice.line.proratedDays': '{line}, pour {remaining, plural, one {# jour} other {# jours}} sur {length, number}',
  'invoice.line.prorated': '{line}, pour {remaining} sur {length, plural, one {# jour} other {# jours}}',
  'invoice.line.proratedSpan': '{line}, pour {remaining} ; période : {length}',
  'invoice.line.prepaid': 'Payé d’avance par clé de produit ({keys})',
  'invoice.line.prepaidSeats': '{seats, plural, one {# licence} other {# licences}}',
  'invoice.line.productKey.month':
    'Clé de produit : Outmerge {plan}, {seats, plural, one {# licence} other {# licences}} pour {periods, plural, one {# mois} other {# mois}}',
  'invoice.line.productKey.year':
    'Clé de produit : Outmerge {plan}, {seats, plural, one {# licence} other {# licences}} pour {periods, plural, one {# an} other {# ans}}',
  'invoice.line.mergedCredit': 'Avoir des abonnements fusionnés',
  'billing.pdf': 'PDF',
  'billing.pdfLabel': 'PDF de la facture {number}',
  'billing.creditNotes': 'Avoirs',
  'billing.creditNotesIntro':
    'Un avoir rembourse tout ou partie d’une facture, par un remboursement ou un crédit. Il a son propre numéro et indique la facture qu’il corrige.',
  'billing.creditNoteFor': 'Corrige {number}',
  'billing.creditNoteRefund': 'Remboursé sur la carte',
  'billing.creditNoteCredit': 'Crédit pour les prochaines factures',
  'billing.creditNoteView': 'Afficher et imprimer l’avoir {number}',
  'billing.creditNotePdf': 'PDF de l’avoir {number}',
  'creditNote.title': 'Avoir {number}',
  'creditNote.issued': 'Émis le {date}',
  'creditNote.corrects': 'Corrige la facture {number}',
  'creditNote.total': 'Total de l’avoir',
  'creditNote.refundedOn': 'Remboursé le {date}.',
  'creditNote.line.refund': 'Remboursement de la facture {number}',
  'creditNote.line.mergeCredit':
    'Temps payé non utilisé de la facture {number}, crédité lors de la fusion dans l’abonnement {subscription}',
  'journal.action.invoice.refunded': 'Facture remboursée',
  'invoice.print': 'Pour garder une copie, imprime cette page ou enregistre-la en PDF depuis ton navigateur.',
  'apiError.PAYMENT_METHOD_MISSING':
    'Aucun moyen de paiement utilisable n’est enregistré. Ajoute une carte dans Facturation.',
  'apiError.QUANTITY_BELOW_ASSIGNED': 'Plus de licences sont attribuées que cela. Retire d’abord des licences.',
  'apiError.QUANTITY_PREVIEW_EXPIRED': 'L’aperçu est trop ancien. Vérifie le nouveau montant et confirme à nouveau.',
  'apiError.QUANTITY_PREVIEW_STALE':
    'L’abonnement a changé depuis l’aperçu. Vérifie le nouveau montant et confirme à nouveau.',
  'apiError.SUBSCRIPTION_NOT_ACTIVE': 'Cet abonnement n’est pas actif. Règle d’abord la facture en attente.',
  'apiError.SUBSCRIPTION_ENDED':
    'Cet abonnement est annulé : il ne peut plus être modifié. Achète un nouvel abonnement pour attribuer à nouveau des licences.',
  'apiError.BILLING_BUSY': 'Un autre paiement est en cours pour cet abonnement. Réessaie dans un instant.',
  'apiError.INVOICE_NOT_OPEN': 'Cette facture est déjà réglée.',

  'seats.title': 'Licences',
  'seats.summary':
    '{assigned, plural, one {# licence} other {# licences}} sur {quantity, number} {assigned, plural, one {attribuée} other {attribuées}}, {free, plural, one {# libre} other {# libres}}',
  'seats.assignLabel': 'Adresses e-mail auxquelles attribuer une licence',
  'seats.ended.expired':
    'Cet abonnement a expiré : règle la facture en attente dans Facturation pour attribuer à nouveau des licences.',
  'seats.ended.cancelled':
    'Cet abonnement est annulé : aucune licence ne peut plus être attribuée. Achète un nouvel abonnement pour attribuer à nouveau des licences.',
  'seats.assignHint':
    'Une ou plusieurs adresses, séparées par des virgules, des espaces ou des retours à la ligne. Chaque personne reçoit un e-mail de bienvenue.',
  'seats.assign': 'Attribuer',
  'seats.assigning': 'Attribution en cours…',
  'seats.user': 'Utilisateur',
  'seats.status': 'État',
  'seats.lastCheckIn': 'Dernière vérification',
  'seats.never': 'Jamais',
  'seats.remove': 'Retirer',
  'seats.removeLabel': 'Retirer la licence de {email}',
  'seats.removed': 'La licence de {email} a été retirée.',
  'seats.removeTitle': 'Retirer la licence de {email} ?',
  'seats.removeExplain':
    'Dès la prochaine vérification de sa licence, les messages que {email} envoie avec Outmerge portent de nouveau le pied de page. La licence redevient libre pour quelqu’un d’autre ; pour la lui rendre, attribue-la de nouveau.',
  'seats.removeConfirm': 'Retirer la licence',
  'seats.empty': 'Aucune licence attribuée pour l’instant. Attribue la première ci-dessus.',
  'seats.status.pending': 'En attente (pas encore connecté)',
  'seats.status.active': 'Active',
  'seats.status.expired': 'Expirée',
  'seats.result.assigned': 'licence attribuée ; e-mail de bienvenue envoyé',
  'seats.result.already_assigned': 'a déjà une licence',
  'seats.result.invalid': 'adresse e-mail non valide',
  'seats.result.domain_not_approved': 'domaine que ton organisation n’a pas prouvé : prouve-le d’abord sous Domaines',
  'seats.result.no_seat_left': 'plus aucune licence libre : achètes-en d’autres ou retires-en une',
  'seats.result.assigned_no_email':
    'attribuée ; pas d’e-mail de bienvenue, car ton organisation a atteint la limite d’e-mails du jour : préviens la personne toi-même',
  'seats.resultsTitle': 'Résultat par adresse',

  'ithelp.title': 'Aide informatique',
  'ithelp.installTitle': 'Installer ne donne pas de licence',
  'ithelp.install':
    'Le déploiement du complément (Centre d’administration Microsoft 365 > Paramètres > Applications intégrées > Charger des applications personnalisées) fait apparaître Outmerge dans Outlook pour les utilisateurs choisis. Seule une licence attribuée dans ce portail supprime le pied de page.',
  'ithelp.manifest': 'Télécharger le manifeste XML de ce déploiement',
  'ithelp.troubleshootTitle': 'Dépannage',
  'ithelp.troubleshoot':
    'Des utilisateurs voient le pied de page alors qu’ils ont une licence : ils doivent se connecter dans le volet Outmerge avec l’adresse à laquelle la licence a été attribuée. Un complément déployé peut mettre jusqu’à 24 heures à apparaître dans Outlook.',
  // Portal and pane administration (A1, A4, A7, A8, A10)
  'seats.picture':
    '{assigned, plural, one {# licence} other {# licences}} sur {quantity, number} {assigned, plural, one {attribuée} other {attribuées}}, {free, plural, one {# libre} other {# libres}}',
  'seats.legendAssigned': '{count, plural, one {# attribuée} other {# attribuées}}',
  'seats.legendFree': '{count, plural, one {# libre} other {# libres}}',
  'seats.legendBought': '{count, plural, one {# achetée} other {# achetées}}',
  'seats.bulkStopped':
    'L’attribution s’est arrêtée après {done, plural, one {# adresse} other {# adresses}} sur {total, number} : {message} Les résultats ci-dessous portent sur les adresses envoyées jusque-là ; attribue le reste à nouveau.',
  'seats.resultsMore':
    '{shown, plural, one {Le premier résultat sur {total, number} est listé} other {Les # premiers résultats sur {total, number} sont listés}}, problèmes en premier ; les totaux ci-dessus les comptent tous.',
  'seats.matchCount': '{total, plural, one {# licence correspond} other {# licences correspondent}} à « {search} »',
  'seats.totalCount': '{total, plural, one {# licence attribuée} other {# licences attribuées}}',
  'seats.emptyReadOnly': 'Aucune licence attribuée pour l’instant.',
  'seats.scrollRegion': 'Liste des licences, fais défiler pour en voir plus',
  'dashboard.emptyTitle': 'Pas encore d’abonnement',
  'dashboard.emptyItHelp': 'Tu déploies Outmerge pour ton organisation ? Lis l’aide pour l’informatique.',
  'dashboard.cardTitle': '{plan}, {quantity, plural, one {# licence} other {# licences}}',
  'dashboard.delegates': 'Administrateurs délégués',
  'dashboard.manageSeatsLabel': 'Gérer les licences de l’abonnement {plan} de {owner}',
  'dashboard.manageLabel': 'Gérer l’abonnement {plan} de {owner}',
  'dashboard.manageSeats': 'Gérer les licences',
  'delegates.makeOwnerLabel': 'Nommer propriétaire de cet abonnement : {email}',
  'delegates.ownershipTitle': 'Céder la propriété',
  'delegates.ownershipExplain':
    'La propriété revient à un administrateur délégué : choisis « Nommer propriétaire » à côté de son nom ci-dessus, ou saisis son adresse e-mail ici. Une nouvelle personne doit d’abord accepter une invitation d’administrateur délégué.',
  'delegates.ownershipEmail': 'Adresse e-mail du nouveau propriétaire',
  'apiError.DELEGATE_NOT_FOUND':
    'Cette personne n’est pas administrateur délégué de cet abonnement. Invite-la d’abord ; une fois l’invitation acceptée, tu pourras la rendre propriétaire.',
  'journal.rangeInvalid': 'La date de fin est antérieure à la date de début.',
  'journal.clearFilters': 'Effacer les filtres',
  'journal.export': 'Exporter en CSV (avec ces filtres)',
  'journal.newestShown':
    '{count, plural, one {La # entrée la plus récente est affichée} other {Les # entrées les plus récentes sont affichées}}. Affine les filtres ou exporte le CSV pour tout voir.',
  'journal.none': 'Rien n’a encore été enregistré.',
  'ithelp.licensing':
    'Les licences se gèrent ici : achète des licences, puis attribue-les par adresse e-mail. Une personne qui a le complément mais pas de licence peut quand même envoyer des publipostages, avec le pied de page Outmerge.',
  'ithelp.deployTitle': 'Déployer Outmerge dans ton organisation',
  'ithelp.manifestHint': '(il contient les adresses de ce déploiement)',
  'ithelp.deployUpload':
    'Dans le Centre d’administration Microsoft 365, ouvre Paramètres > Applications intégrées > Charger des applications personnalisées, choisis Complément Office et charge le manifeste.',
  'ithelp.deployAssign':
    'Attribue-le à des utilisateurs ou des groupes. Son apparition dans Outlook peut prendre jusqu’à 24 heures.',
  'ithelp.consentTitle': 'Approbation de l’administrateur (« Approbation de l’administrateur nécessaire »)',
  'ithelp.consentExplain':
    'Si ton organisation ne permet pas aux utilisateurs de consentir eux-mêmes aux applications, ils voient « Approbation de l’administrateur nécessaire » en se connectant à Outmerge. Un administrateur général donne son consentement une fois pour tous avec le lien ci-dessous.',
  'ithelp.consentSignIn': 'Connecte-toi avec ton compte Microsoft 365 pour obtenir le lien de ton organisation.',
  'ithelp.consentLink': 'Accorder le consentement administrateur pour ton organisation',
  'ithelp.consentTenant': 'Pour le locataire {tenant}. Ouvre ce lien en tant qu’administrateur général.',
  'ithelp.problemFooter': 'Le pied de page est toujours là :',
  'ithelp.problemInvitation': 'Un lien d’invitation ne fonctionne pas :',
  'ithelp.fixInvitation':
    'ouvre-le dans une fenêtre de navigation privée et connecte-toi avec l’adresse à laquelle il a été envoyé, ou demande au propriétaire de le renvoyer (chaque renvoi remplace le lien précédent ; les liens expirent au bout d’un moment).',
  'ithelp.problemApproval': 'Les utilisateurs voient « Approbation de l’administrateur nécessaire » :',
  'ithelp.fixApproval': 'un administrateur général ouvre une fois le lien de consentement ci-dessus.',
  'ithelp.problemMissing': 'Outmerge n’apparaît pas dans Outlook :',
  'ithelp.fixMissing':
    'vérifie que le complément est attribué à l’utilisateur dans Applications intégrées, attends jusqu’à 24 heures, puis redémarre Outlook.',
  'paneAdmin.unavailable': 'Les détails de ta licence n’ont pas pu être chargés : {message}',
  'paneAdmin.region': 'Aide sur la licence et administration',
  'paneAdmin.buy': 'Acheter des licences',
  'paneAdmin.title': 'Administration ({count, number})',
  'paneAdmin.itHelp': 'Aide pour l’informatique : déploiement et dépannage',
  'paneAdmin.noSeatAdmin':
    'Tu n’as pas de licence toi-même : attribue-en une à ta propre adresse ci-dessous pour envoyer sans pied de page.',
  'paneAdmin.noSeat':
    'Tu n’as pas de licence. Demandes-en une à ton administrateur Microsoft 365, ou achète des licences pour ton équipe.',
  'paneAdmin.seatYours': 'Ta licence fait partie d’un abonnement que tu administres.',
  'paneAdmin.seatActive':
    'Ta licence vient de {contact} : adresse-toi à cette personne si tu as besoin d’aide pour ta licence.',
  'paneAdmin.seatSuspended': 'Ta licence est suspendue. Demande à {contact} de la réactiver.',
  'paneAdmin.seatExpired': 'L’abonnement de ton organisation a pris fin. Demande à {contact} de le renouveler.',
  'paneAdmin.seatRemoved': 'Ta licence a été retirée. Si c’est une erreur, demandes-en une nouvelle à {contact}.',
  'paneAdmin.foreignSeat':
    '{organisation} (contact : {contact}) t’a aussi attribué une licence. Elle ne voit plus tes connexions dès que ta propre organisation t’en donne une ; tu peux la quitter.',
  'paneAdmin.leaveSeat': 'Quitter la licence de {organisation}',
  'paneAdmin.leftSeat': 'Tu as quitté la licence de {organisation}.',
  'mySeats.title': 'Tes licences',
  'mySeats.own': 'Ta licence : {status}. Son abonnement appartient à {contact}.',
  'mySeats.foreign':
    '{organisation} (contact : {contact}) t’a aussi attribué une licence ({status}). Ce n’est pas ton organisation : tu peux la quitter.',
  'mySeats.removed': 'Retirée',
  'mySeats.leave': 'Quitter…',
  'mySeats.leaveTitle': 'Quitter la licence de {organisation} ?',
  'mySeats.leaveExplain':
    '{organisation} ne verra plus quand tu utilises Outmerge, et son abonnement ne te donnera plus de licence. C’est définitif : seul {contact} peut te réattribuer une licence de {organisation}.',
  'mySeats.leaveConfirm': 'Quitter la licence',
  'paneAdmin.subscription': '{plan}, {quantity, plural, one {# licence} other {# licences}}',
  'paneAdmin.assignLabel': 'Attribuer une licence à',
  'paneAdmin.assigned': '{email} a maintenant une licence ; un e-mail de bienvenue est en route.',
  'paneAdmin.noSeats': 'Aucune licence attribuée pour l’instant.',
  'paneAdmin.status.pending': 'En attente',
  'paneAdmin.status.active': 'Active',
  'paneAdmin.status.suspended': 'Suspendue',
  'paneAdmin.status.expired': 'Expirée',
  'paneAdmin.more':
    '{shown, number} sur {total, number} {shown, plural, one {affichée} other {affichées}} : cherche, ou ouvre le portail pour tout voir.',
  'paneAdmin.openPortal': 'Ouvrir dans le portail de licences',

  'apiError.PAYMENT_DECLINED': 'La carte a été refusée. Utilise une autre carte ou contacte ta banque.',
  'apiError.PAYMENT_CARD_INVALID':
    'Cette carte ne peut pas être utilisée. Avec les paiements simulés, utilise une carte de test comme 4242 4242 4242 4242.',
  'apiError.VAT_ID_INVALID':
    'Ce n’est pas un numéro de TVA du pays choisi. Vérifie le pays et le numéro, ou laisse le champ vide si tu achètes en tant que particulier.',
  'apiError.SUBSCRIPTION_NOT_FOUND': 'Cet abonnement n’existe pas ou tu n’as pas le droit de le voir.',
  'apiError.FORBIDDEN': 'Tu n’as pas l’autorisation pour cette action. Demande au propriétaire de l’abonnement.',
  'apiError.TOKEN_EXPIRED': 'Ta connexion a expiré. Déconnecte-toi puis reconnecte-toi.',
  'apiError.RATE_LIMITED': 'Trop de requêtes. Attends une minute et réessaie.',
  'apiError.ASSIGNMENT_NOT_FOUND': 'Cette personne n’a pas de licence dans cet abonnement.',
  'apiError.INTERNAL': 'Un problème est survenu de notre côté. Réessaie ; si cela continue, contacte le support.',
  'errors.network': 'Outmerge n’a pas pu joindre le serveur. Vérifie ta connexion et réessaie.',
  'errors.generic': 'Une erreur s’est produite : {message}',

  'mailbox.title': 'Boîte aux lettres (substitut de Graph)',
  'mailbox.explain':
    'Les messages acceptés par le substitut de développement de Microsoft Graph, du plus récent au plus ancien. En production, ils passent par Microsoft 365.',
  'mailbox.empty': 'Rien n’a encore été envoyé.',
  'mailbox.from': 'De',
  'mailbox.to': 'À',
  'mailbox.cc': 'Cc',
  'mailbox.bcc': 'Cci',
  'mailbox.count': '{count, plural, one {# message} other {# messages}}',
  'outbox.title': 'Boîte d’envoi',
  'outbox.explain':
    'E-mails envoyés par Outmerge lui-même (e-mails de bienvenue et invitations), conservés ici car aucun serveur SMTP n’est configuré.',
  'outbox.empty': 'Aucun e-mail pour l’instant.',

  'home.intro':
    'Tout s’exécute sur cette machine : une connexion de développement au lieu de Microsoft 365, un substitut de Microsoft Graph et des paiements simulés.',
  'home.playground': 'Bac à sable : une fenêtre de rédaction Outlook avec le volet Outmerge',
  'home.portal': 'Portail de licences',
  'home.mailbox': 'Boîte aux lettres : ce que le volet a envoyé',
  'home.outbox': 'Boîte d’envoi : e-mails d’Outmerge',
  'home.manifest': 'Manifeste du complément pour ce déploiement',
  'home.landing': 'À propos d’Outmerge : la page vers laquelle mène le pied de page de la version gratuite',
  'outside.title': 'Outmerge s’ouvre dans Outlook',
  'outside.what':
    'Cette page est le volet Outmerge. Outlook l’affiche à côté d’un message que tu rédiges, pour envoyer ce message à chaque ligne d’une liste de destinataires. Ouverte seule dans un navigateur, elle n’a aucun message sur lequel travailler.',
  'outside.open':
    'Pour l’utiliser, commence un nouveau message dans Outlook et choisis {button} dans le ruban. Dans Outlook sur le web et le nouvel Outlook, regarde sous Applications si tu ne le vois pas.',
  'outside.install': 'Pas encore dans ton Outlook ? Ton administrateur informatique l’installe pour ton organisation :',
  'outside.playground': 'Pour essayer Outmerge sans Outlook :',
  'pane.screenFailed':
    'Cette partie d’Outmerge n’a pas pu s’afficher ({message}). Vérifie ta connexion, puis réessaie ; si cela se reproduit, ferme le volet et rouvre-le.',
  'pane.startFailed':
    'Outmerge n’a pas pu démarrer : {message} Ferme le volet et rouvre-le ; si cela se reproduit, préviens ton administrateur informatique.',

  'manifest.unifiedName': 'Outmerge pour Microsoft 365',
  'manifest.unifiedFullName': 'Outmerge pour Microsoft 365 : publipostage pour Outlook',
  'manifest.description':
    'Publipostage personnalisé depuis Outlook : un message par destinataire, envoyé depuis ta boîte aux lettres ou une boîte partagée. Prévisualise chaque message, envoie en arrière-plan et reçois un rapport. Avec une licence, sans pied de page Outmerge.',
  'manifest.shortDescription': 'Publipostage personnalisé depuis Outlook : un message par destinataire.',
  'manifest.groupLabel': 'Outmerge',
  'manifest.buttonLabel': 'Publipostage',
  'manifest.buttonTooltip': 'Envoie ce message à chaque ligne d’une liste de destinataires, personnalisé.',

  'legal.portal': 'Portail des licences',
  'legal.privacyLink': 'Confidentialité',
  'legal.termsLink': 'Conditions d’utilisation',
  'landing.title': 'Des e-mails personnels à de nombreuses personnes, envoyés depuis Outlook',
  'landing.lead':
    'Le message qui t’a mené ici a été écrit une seule fois, puis envoyé à chaque personne d’une liste avec son nom et ses informations, depuis l’Outlook de l’expéditeur. Outmerge est le complément qui fait cela.',
  'landing.whatTitle': 'Ce que fait Outmerge',
  'landing.what1':
    'Écris un message dans Outlook avec des champs comme {{Prénom}}, choisis une liste Excel ou CSV, et Outmerge envoie à chaque personne son propre exemplaire.',
  'landing.what2':
    'Vérifie chaque message avant l’envoi, envoie un test et suis chaque ligne dans un rapport. L’envoi est cadencé pour rester dans les limites de Microsoft 365.',
  'landing.privacyTitle': 'Ton adresse reste chez l’expéditeur',
  'landing.privacy':
    'Les messages partent de la boîte aux lettres de l’expéditeur, via Microsoft 365. Sa liste et ses messages n’arrivent jamais chez Outmerge : nous n’avons pas ton adresse, et le lien que tu as suivi ne dit rien de toi. Pour ne plus recevoir de messages, réponds à l’expéditeur.',
  'landing.getTitle': 'Obtenir Outmerge',
  'landing.getStore':
    'Installe-le depuis Microsoft AppSource, la boutique de compléments Office de Microsoft : dans Outlook, ouvre la boutique des compléments (Obtenir des compléments, ou Applications dans le nouvel Outlook et sur le web), cherche « Outmerge » et ajoute-le.',
  'landing.storeLink': 'Outmerge sur Microsoft AppSource',
  'landing.getIt':
    'Au travail ou à l’école, ton service informatique décide peut-être des compléments que tu peux utiliser. Demande-lui d’ajouter Outmerge pour toi : ce dont il a besoin se trouve sur notre page pour l’informatique.',
  'landing.itLink': 'Outmerge pour les services informatiques',
  'landing.free':
    'Outmerge s’essaie gratuitement : la version gratuite ajoute à chaque message une courte ligne comme celle que tu as vue. Une licence de ton organisation la supprime.',
  'landing.licenseLink': 'Licences et prix',
  'landing.nav': 'En savoir plus sur Outmerge',
  'legal.privacy.title': 'Confidentialité',
  'legal.privacy.intro':
    'Ce qu’Outmerge fait des données personnelles : celles des expéditeurs, des administrateurs et des personnes à qui ils écrivent.',
  'legal.privacy.messagesTitle': 'Tes messages et tes listes de destinataires',
  'legal.privacy.messages':
    'Le volet Outmerge fusionne et envoie tes messages dans Outlook, par Microsoft Graph, avec ta propre connexion Microsoft 365. Les listes de destinataires, le contenu des messages et les pièces jointes vont de ton appareil à Microsoft 365 uniquement : ils n’atteignent jamais le serveur Outmerge.',
  'legal.privacy.serverTitle': 'Ce que le serveur Outmerge conserve',
  'legal.privacy.server':
    'Pour vérifier une licence, le serveur apprend qui tu es : les identifiants de ton organisation et de ton compte Microsoft 365, ton adresse e-mail et ta dernière vérification. Pour les abonnements, il conserve les licences (adresses e-mail), les administrateurs délégués, les domaines approuvés, les partenaires, les factures et un journal d’activité (qui a changé quoi, quand et depuis quelle adresse IP).',
  'legal.privacy.paymentsTitle': 'Paiements',
  'legal.privacy.payments':
    'Les numéros de carte vont au prestataire de paiement, jamais au serveur Outmerge. Le serveur garde ce que le prestataire répond : la marque de la carte, ses quatre derniers chiffres et l’état de chaque paiement.',
  'legal.privacy.emailsTitle': 'E-mails d’Outmerge',
  'legal.privacy.emails':
    'Outmerge envoie des e-mails au sujet des licences, des invitations, des paiements et des demandes de partenaires. Les liens de ces e-mails sont réservés à leur destinataire.',
  'legal.privacy.rightsTitle': 'Durée de conservation et tes droits',
  'legal.privacy.rights':
    'Les données sont conservées aussi longtemps que l’abonnement auquel elles appartiennent ; les factures aussi longtemps que la loi l’exige. Pour obtenir une copie de tes données, les faire corriger ou supprimer, adresse-toi au propriétaire de l’abonnement de ton organisation ou écris à l’exploitant de ce service Outmerge.',
  'legal.terms.title': 'Conditions d’utilisation',
  'legal.terms.intro':
    'Ces conditions s’appliquent à toute personne qui utilise Outmerge : le complément dans Outlook et le portail des licences.',
  'legal.terms.freeTitle': 'Utilisation gratuite et sous licence',
  'legal.terms.free':
    'Toute personne qui a le complément peut envoyer des publipostages. Les messages des expéditeurs sans licence portent le pied de page Outmerge ; une licence attribuée dans le portail des licences le supprime tant que l’abonnement est actif.',
  'legal.terms.subscriptionTitle': 'Abonnements et paiement',
  'legal.terms.subscription':
    'Un abonnement se renouvelle à la fin de chaque période et est débité sur la carte enregistrée. Les licences ajoutées sont facturées immédiatement pour le reste de la période ; les licences retirées comptent à partir du renouvellement suivant. Si un renouvellement ne peut pas être débité, l’abonnement reste utilisable pendant un délai de grâce, puis expire jusqu’au paiement de la facture ouverte.',
  'legal.terms.useTitle': 'Utilisation acceptable',
  'legal.terms.use':
    'N’écris qu’à des personnes qui attendent tes messages, respecte la loi sur la prospection électronique là où tu vis et là où elles vivent, ainsi que les limites d’envoi de Microsoft 365 et les règles de ton organisation. Outmerge envoie depuis ta boîte aux lettres et en ton nom : tu es responsable de ce que tu envoies.',
  'legal.terms.serviceTitle': 'Le service',
  'legal.terms.service':
    'Outmerge est fourni tel quel. Nous travaillons à le garder disponible et correct, mais la distribution dépend de Microsoft 365 et des serveurs de messagerie des destinataires : nous ne pouvons pas garantir que chaque message arrive. Notre responsabilité est limitée à ce que tu as payé pour la période en cours.',
  'legal.terms.changesTitle': 'Modifications',
  'legal.terms.changes':
    'Ces conditions peuvent changer ; la version de cette page s’applique. Une modification qui touche ce que tu paies s’applique à un abonnement à partir de son prochain renouvellement.',

  'ithelp.manifestChoice':
    'Outmerge a deux manifestes. Le manifeste XML fonctionne dans tous les Outlook : sur Windows, sur Mac, sur le web et sur les téléphones. Le package d’application (le manifeste unifié pour Microsoft 365) fonctionne dans Outlook sur Windows et sur le web uniquement : Outlook sur Mac et sur les téléphones ne le prennent pas encore en charge.',
  'ithelp.manifestZip': 'Télécharger le package d’application (manifeste unifié)',
  'ithelp.manifestZipHint':
    '(facultatif : là où les deux sont déployés, Outlook n’affiche que le bouton du package d’application)',
  'ithelp.deployConsent':
    'Le chargement du package d’application demande aussi à un administrateur général d’accorder le consentement administrateur pour les autorisations Microsoft Graph pendant le déploiement.',
  'ithelp.deployUpdate':
    'Quand une nouvelle version d’Outmerge change ses manifestes, charge-les à nouveau. Si les autorisations ont changé, Applications intégrées affiche « Mise à jour en attente » et les utilisateurs gardent l’ancienne version jusqu’à ce qu’un administrateur accepte la mise à jour.',

  'playground.title': 'Bac à sable',
  'playground.explain':
    'Une fenêtre de rédaction Outlook simulée. Rédige le message à gauche ; le volet Outmerge à droite est le vrai.',
  'playground.compose': 'Nouveau message',
  'playground.from': 'De',
  'playground.subject': 'Objet',
  'playground.body': 'Message',
  'playground.outlookLanguage': 'Langue d’affichage d’Outlook',
  'playground.pane': 'Volet Outmerge',

  'footer.text': 'Envoyé avec Outmerge, le publipostage pour Outlook.',
  'footer.link': 'Essayer gratuitement',

  'email.welcome.subject': 'Ta licence Outmerge est prête',
  'email.welcome.intro':
    '{owner} t’a attribué une licence Outmerge. Tes publipostages depuis Outlook sont désormais envoyés sans le pied de page Outmerge.',
  'email.welcome.step1':
    '1. Dans Outlook, crée un nouveau message et ouvre Outmerge depuis le ruban ou le bouton Applications. S’il n’y est pas, ton service informatique ne l’a pas encore déployé : adresse-toi à lui.',
  'email.welcome.step2':
    '2. Dans le volet Outmerge, connecte-toi avec ton compte Microsoft 365, en utilisant l’adresse à laquelle cet e-mail a été envoyé.',
  'email.welcome.step3': '3. Le volet affiche alors « Sous licence » et tes messages n’ont plus de pied de page.',
  'email.welcome.help': 'Aide à l’installation',
  'email.invitation.subject': '{owner} t’invite à administrer Outmerge',
  'email.invitation.intro':
    '{owner} t’invite à l’aider à administrer l’abonnement Outmerge de son organisation avec ces autorisations : {permissions}.',
  'email.invitation.accept':
    'Ouvre le lien ci-dessous et connecte-toi avec ton compte Microsoft 365 {email}. L’invitation ne peut servir qu’une fois et expire le {date}.',
  'email.invitation.trouble':
    'Si le lien ne fonctionne pas, ouvre-le dans une fenêtre de navigation privée ou demande à {owner} de le renvoyer.',
  'email.invitation.button': 'Accepter l’invitation',
  'email.seatRemoved.subject': 'Ta licence Outmerge a été retirée',
  'email.seatRemoved.body':
    '{by} a retiré ta licence Outmerge. Tes publipostages incluront de nouveau le pied de page Outmerge. S’il s’agit d’une erreur, contacte ton administrateur.',
  'email.ownership.subject': 'La propriété d’un abonnement Outmerge a été transférée',
  'email.ownership.body':
    '{from} a transféré la propriété de l’abonnement Outmerge ({plan}, {quantity, plural, one {# licence} other {# licences}}) à {to}. {from} reste administrateur délégué jusqu’à ce que le nouveau propriétaire le retire.',
  'email.ownership.button': 'Ouvrir le portail des licences',
  'email.partnerRequest.subject': '{partner} demande à administrer ton abonnement Outmerge',
  'email.partnerRequest.intro':
    '{partner} (code de conseiller {code}) demande l’administration déléguée de l’abonnement Outmerge de ton organisation, avec ces autorisations : {permissions}, pour {days, plural, one {# jour} other {# jours}}.',
  'email.partnerRequest.approve':
    'Rien n’est accordé tant que tu n’as pas approuvé. Ouvre le lien ci-dessous, connecte-toi avec ton compte Microsoft 365 {email} en tant que propriétaire de l’abonnement, puis approuve ou refuse. La demande expire le {date}.',
  'email.partnerRequest.end':
    'Une fois approuvé, {partner} figure parmi tes administrateurs délégués ; tu peux mettre fin à son accès à tout moment, et il prend fin de lui-même après {days, plural, one {# jour} other {# jours}}.',
  'email.partnerRequest.button': 'Examiner la demande',
  'email.partnerNotifications.subject': 'Changements chez tes clients Outmerge',
  'email.partnerNotifications.intro':
    '{count, plural, one {# changement} other {# changements}} chez les clients de {partner} depuis le dernier message :',
  'email.partnerNotifications.line': '{customer} : {change} ({time})',
  'email.partnerNotifications.button': 'Ouvrir la liste des clients',
  'partnerChange.seats': 'licences attribuées modifiées',
  'partnerChange.quantity': 'nombre de licences achetées modifié',
  'partnerChange.renewal': 'renouvellement ou paiement',
  'partnerChange.cancellation': 'abonnement terminé ou expiré',
  'permission.assign': 'attribuer et retirer des licences',
  'permission.view': 'voir l’abonnement',
  'permission.quantity': 'gérer la quantité',
  'permission.billing': 'gérer la facturation',
  'tab.seats': 'Licences',
  'tab.delegates': 'Administrateurs délégués',
  'tab.domains': 'Domaines',
  'tab.journal': 'Journal d’activité',
  'role.owner': 'Propriétaire',
  'role.delegate': 'Administrateur délégué',
  'role.youOwn': 'Tu es propriétaire de cet abonnement',
  'role.youDelegate': 'Tu l’administres avec ces autorisations : {permissions}',
  'portal.yourRole': 'Ton rôle',
  'portal.nothingToManage':
    'Tes autorisations ne te donnent encore rien à gérer ici. Demande au propriétaire si tu as besoin de plus.',
  'seats.status.suspended': 'Suspendue',
  'seats.uploadCsv': 'Importer un fichier CSV',
  'seats.progress': '{done, plural, one {# adresse traitée} other {# adresses traitées}} sur {total, number}',
  'seats.resultCount': '{count, number} × {result}',
  'seats.search': 'Rechercher par e-mail',
  'seats.sortBy': 'Trier par',
  'seats.assignedAt': 'Attribuée le',
  'seats.ascending': 'Ordre croissant ; sélectionne pour l’ordre décroissant',
  'seats.descending': 'Ordre décroissant ; sélectionne pour l’ordre croissant',
  'seats.export': 'Exporter en CSV',
  'seats.noMatch': 'Aucune licence ne correspond à ta recherche.',
  'seats.actions': 'Actions',
  'seats.pageInfo': '{from, number}–{to, number} sur {total, number}',
  'seats.transfer': 'Transférer',
  'seats.transferLabel': 'Transférer la licence de {email} à une autre personne',
  'seats.transferTitle': 'Transférer la licence de {email}',
  'seats.transferExplain':
    'La licence passe à la nouvelle personne en une seule étape : elle reçoit un e-mail de bienvenue, et dès sa prochaine vérification de licence, le titulaire actuel n’a plus de licence.',
  'seats.transferTo': 'Adresse e-mail du nouveau titulaire',
  'seats.transferred': 'La licence de {from} appartient désormais à {to}.',
  'seats.suspend': 'Suspendre',
  'seats.suspendLabel': 'Suspendre la licence de {email}',
  'seats.suspended':
    'La licence de {email} est suspendue : ses messages incluent le pied de page jusqu’à ce que tu la réactives.',
  'seats.resume': 'Réactiver',
  'seats.resumeLabel': 'Réactiver la licence de {email}',
  'seats.resumed': 'La licence de {email} est de nouveau active.',
  'delegates.title': 'Administrateurs délégués',
  'delegates.explain':
    'Les administrateurs délégués t’aident à gérer cet abonnement avec les autorisations que tu leur accordes : par exemple, le service informatique attribue les licences et la comptabilité gère la facturation.',
  'delegates.inviteTitle': 'Inviter un administrateur',
  'delegates.email': 'Adresse e-mail',
  'delegates.permissions': 'Autorisations',
  'delegates.invite': 'Envoyer l’invitation',
  'delegates.invited': 'Invitation envoyée à {email}. Elle est valable 7 jours.',
  'delegates.choosePermission': 'Choisis au moins une autorisation.',
  'delegates.current': 'Administrateurs',
  'delegates.none': 'Aucun administrateur délégué pour l’instant.',
  'delegates.updated': 'Les autorisations de {email} ont été modifiées.',
  'delegates.remove': 'Retirer',
  'delegates.removed': '{email} n’est plus administrateur de cet abonnement.',
  'delegates.makeOwner': 'Nommer propriétaire',
  'delegates.makeOwnerTitle': 'Faire de {email} le propriétaire ?',
  'delegates.makeOwnerExplain':
    '{email} devient propriétaire, avec toutes les autorisations, et peut gérer les administrateurs délégués. Tu restes administrateur délégué jusqu’à ce que le nouveau propriétaire en décide autrement.',
  'delegates.ownerChanged': '{email} est désormais propriétaire de cet abonnement.',
  'delegates.pending': 'Invitations en attente',
  'delegates.noPending': 'Aucune invitation en attente.',
  'delegates.expires': 'Expire le',
  'delegates.resend': 'Renvoyer',
  'delegates.resent': 'Une nouvelle invitation a été envoyée à {email} ; le lien précédent ne fonctionne plus.',
  'delegates.revoke': 'Révoquer',
  'delegates.revoked': 'L’invitation envoyée à {email} a été révoquée.',
  'domains.title': 'Domaines',
  'domains.explain':
    'Les licences ne peuvent être attribuées, et les e-mails de bienvenue envoyés, qu’à des adresses de domaines dont ton organisation a prouvé le contrôle. Les domaines vérifiés par ton locataire Microsoft 365 sont prouvés dès qu’une personne de ton organisation se connecte ; prouve tout autre domaine par un enregistrement DNS.',
  'domains.domain': 'Domaine',
  'domains.status': 'État',
  'domains.proven': 'Prouvé',
  'domains.pending': 'En attente de preuve',
  'domains.byDns': 'par son enregistrement DNS',
  'domains.byTenant': 'vérifié par ton locataire Microsoft 365',
  'domains.lastCheck': 'Dernière vérification {when} : {result}',
  'domains.check.proven': '{domain} est prouvé.',
  'domains.check.record_missing':
    'l’enregistrement TXT n’a pas encore été trouvé sur {domain}. Une modification DNS peut mettre jusqu’à une heure à apparaître : vérifie à nouveau plus tard.',
  'domains.check.domain_not_found': '{domain} n’existe pas dans le DNS. Vérifie l’orthographe.',
  'domains.check.lookup_failed': 'Le DNS n’a pas pu être interrogé pour l’instant. Réessaie dans quelques minutes.',
  'domains.provenNow': '{domain} est prouvé : tu peux maintenant y attribuer des licences.',
  'domains.checkNow': 'Vérifier maintenant',
  'domains.checking': 'Vérification…',
  'domains.checkLabel': 'Vérifier maintenant la preuve de {domain}',
  'domains.howTitle': 'Comment prouver un domaine',
  'domains.howSteps':
    'Chez ton fournisseur DNS, ajoute cet enregistrement TXT au domaine lui-même (hôte @), puis appuie sur Vérifier maintenant. La même valeur prouve tous les domaines de ton organisation.',
  'domains.recordLabel': 'Enregistrement TXT à publier',
  'domains.recordType': 'Type',
  'domains.recordHost': 'Hôte',
  'domains.recordValue': 'Valeur',
  'domains.howWait': 'Laisse l’enregistrement en place une fois le domaine prouvé.',
  'domains.add': 'Domaine à prouver',
  'domains.approve': 'Ajouter',
  'domains.remove': 'Retirer',
  'domains.removeLabel': 'Retirer {domain}',
  'domains.onlyAdministrators':
    'Ce sont les administrateurs de ton organisation (le premier acheteur et les personnes qu’il désigne, ou tes administrateurs généraux Microsoft 365) qui ajoutent et prouvent les domaines.',
  'journal.title': 'Journal d’activité',
  'journal.time': 'Date',
  'journal.actor': 'Qui',
  'journal.action': 'Quoi',
  'journal.allActions': 'Toutes les modifications',
  'journal.target': 'Concerne',
  'journal.ip': 'Adresse IP',
  'journal.role': 'Rôle',
  'journal.onBehalfOf': 'Pour le compte de',
  'journal.detail': 'Détails',
  'journal.from': 'Du',
  'journal.to': 'Au',
  'journal.empty': 'Aucune modification ne correspond à ces filtres.',
  'journal.action.subscription.purchased': 'Abonnement acheté',
  'journal.action.seat.assigned': 'Licence attribuée',
  'journal.action.seat.unassigned': 'Licence retirée',
  'journal.action.seat.transferred': 'Licence transférée',
  'journal.action.seat.suspended': 'Licence suspendue',
  'journal.action.seat.resumed': 'Licence réactivée',
  'journal.action.invitation.sent': 'Invitation envoyée',
  'journal.action.invitation.resent': 'Invitation renvoyée',
  'journal.action.invitation.revoked': 'Invitation révoquée',
  'journal.action.invitation.accepted': 'Invitation acceptée',
  'journal.action.delegate.permissions_changed': 'Autorisations modifiées',
  'journal.action.delegate.removed': 'Administrateur retiré',
  'journal.action.ownership.transferred': 'Propriété transférée',
  'journal.action.domain.approved': 'Domaine approuvé',
  'journal.action.domain.removed': 'Domaine retiré',
  'journal.action.domain.added': 'Domaine ajouté',
  'journal.action.domain.proven': 'Domaine prouvé',
  'journal.action.seat.left': 'Licence quittée par son titulaire',
  'journal.action.organisation_admin.appointed': 'Administrateur de l’organisation désigné',
  'journal.action.organisation_admin.dismissed': 'Administrateur de l’organisation retiré',
  'journal.action.subscription.created_from_key': 'Abonnement créé avec une clé de produit',
  'journal.action.subscription.extended': 'Clé de produit utilisée sur l’abonnement',
  'journal.action.trial.started': 'Essai commencé',
  'journal.action.partner.requested': 'Administration demandée par un partenaire',
  'journal.action.partner.approved': 'Partenaire approuvé',
  'journal.action.partner.declined': 'Demande du partenaire refusée',
  'journal.action.partner.ended': 'Relation avec le partenaire terminée',
  'journal.action.quantity.increased': 'Licences ajoutées',
  'journal.action.quantity.decrease_scheduled': 'Réduction des licences prévue au renouvellement',
  'journal.action.quantity.unchanged': 'Quantité confirmée sans changement',
  'journal.action.quantity.payment_failed': 'Échec du paiement des licences ajoutées',
  'journal.action.payment_method.replaced': 'Moyen de paiement remplacé',
  'journal.action.payment_method.declined': 'Moyen de paiement refusé par la banque',
  'journal.action.billing_profile.updated': 'Coordonnées de facturation modifiées',
  'journal.action.invoice.paid': 'Facture payée',
  'journal.action.invoice.payment_failed': 'Échec du paiement de la facture',
  'journal.action.subscription.reactivated': 'Abonnement réactivé',
  'journal.action.subscription.renewed': 'Abonnement renouvelé',
  'journal.action.renewal.payment_failed': 'Échec du paiement du renouvellement',
  'journal.action.trial.converted': 'Essai devenu abonnement payant',
  'journal.action.subscription.expired': 'Abonnement expiré',
  'journal.action.trial.expired': 'Essai terminé',
  'journal.action.subscription.merged_into': 'Fusionné dans un autre abonnement',
  'journal.action.subscription.consolidated': 'Abonnements fusionnés dans celui-ci',
  'journal.action.consolidation.payment_failed': 'Échec du paiement de la fusion d’abonnements',
  'journal.action.consolidation.invited': 'Invitation à fusionner l’abonnement d’un collègue envoyée',
  'journal.action.consolidation.declined': 'Invitation à fusionner refusée',
  'journal.action.consolidation.withdrawn': 'Invitation à fusionner retirée',
  'journal.action.consolidation.accepted': 'Invitation à fusionner acceptée : propriété transférée',
  'journal.action.partner.enrolled': 'Devenu partenaire',
  'journal.action.partner.trial_allowance_set': 'Quota de licences d’essai fixé par l’éditeur',
  'journal.action.staff.added': 'Membre de l’équipe ajouté',
  'journal.action.staff.role_changed': 'Rôle d’un membre de l’équipe modifié',
  'journal.action.staff.removed': 'Membre de l’équipe retiré',
  'journal.action.offer.created': 'Offre créée',
  'journal.action.offer.disabled': 'Offre désactivée',
  'journal.action.offer.enabled': 'Offre réactivée',
  'journal.action.offer.redeemed': 'Offre utilisée par un client',
  'journal.action.request.sent': 'Demande d’administration envoyée',
  'journal.action.request.withdrawn': 'Demande d’administration retirée',
  'journal.action.request.approved': 'Demande d’administration approuvée',
  'journal.action.request.declined': 'Demande d’administration refusée',
  'journal.action.relationship.ended_by_customer': 'Relation terminée par le client',
  'journal.action.product_keys.purchased': 'Clés de produit achetées',
  'journal.action.product_key.redeemed': 'Clé de produit utilisée',
  'journal.role.owner': 'Propriétaire',
  'journal.role.delegate': 'Administrateur délégué',
  'journal.role.partner': 'Partenaire {partner}',
  'journal.role.organisation_admin': 'Administrateur de l’organisation',
  'journal.role.seat_holder': 'Titulaire de la licence',
  'journal.role.customer': 'Client',
  'journal.role.system': 'Outmerge (automatique)',
  'journal.role.vendor': 'L’éditeur',
  'accept.title': 'Invitation à administrer Outmerge',
  'accept.signInFirst': 'Connecte-toi avec le compte Microsoft 365 auquel l’invitation a été envoyée, puis accepte-la.',
  'accept.privateWindow':
    'Si tu es connecté avec un autre compte, ouvre le lien dans une fenêtre de navigation privée.',
  'accept.explain':
    'Tu es connecté en tant que {email}. Accepte pour devenir administrateur délégué de cet abonnement.',
  'accept.button': 'Accepter l’invitation',
  'accept.done': 'C’est fait : {by} t’a nommé administrateur délégué avec ces autorisations : {permissions}.',
  'accept.open': 'Ouvrir l’abonnement',
  'apiError.INVITATION_NOT_FOUND':
    'Ce lien d’invitation n’est pas valide. Vérifie que tu as ouvert le lien complet figurant dans l’e-mail.',
  'apiError.INVITATION_USED':
    'Cette invitation a déjà été acceptée. Si tu en as besoin, demandes-en une nouvelle au propriétaire.',
  'apiError.INVITATION_REVOKED': 'Le propriétaire a retiré cette invitation.',
  'apiError.INVITATION_SUPERSEDED': 'Une invitation plus récente t’a été envoyée : utilise le lien du dernier e-mail.',
  'apiError.INVITATION_EXPIRED': 'Cette invitation a expiré. Demande au propriétaire de te la renvoyer.',
  'apiError.INVITATION_WRONG_ACCOUNT':
    'Cette invitation est destinée à une autre adresse. Connecte-toi avec le compte auquel elle a été envoyée (une fenêtre de navigation privée peut aider), puis ouvre de nouveau le lien.',
  'apiError.INVITATION_ALREADY_PENDING': 'Cette personne a déjà une invitation en attente : renvoie-la ou révoque-la.',
  'apiError.ALREADY_OWNER': 'Cette personne est déjà propriétaire de l’abonnement.',
  'apiError.DOMAIN_NOT_FOUND': 'Ce domaine ne fait pas partie des domaines de ton organisation : ajoute-le d’abord.',
  'apiError.DOMAIN_PROVEN_BY_TENANT':
    'Ce domaine est vérifié par ton locataire Microsoft 365 et reste prouvé tant que ton locataire le vérifie.',
  'apiError.SEAT_OWN_ORGANISATION':
    'Cette licence appartient à ta propre organisation : demande à son propriétaire de la retirer.',
  'apiError.CONSUMER_ACCOUNT':
    'Outmerge s’adresse aux organisations : connecte-toi avec ton compte professionnel ou scolaire pour acheter des licences.',
  'apiError.ORGANISATION_NOT_FOUND':
    'Seuls les administrateurs de ton organisation peuvent faire cela. Demande au premier acheteur de te désigner.',
  'apiError.VALIDATION_FAILED': 'Une partie de ta saisie n’est pas valide. Vérifie-la et réessaie.',
  'recipients.ccColumn': 'Colonne Cc (facultatif)',
  'recipients.bccColumn': 'Colonne Cci (facultatif)',
  'recipients.noColumn': 'Aucune',
  'problems.tooManyRecipients':
    'La ligne {row} a {count, plural, one {# destinataire} other {# destinataires}} ; Exchange Online en accepte au plus 500 par message. Cette ligne sera ignorée.',
  'send.pause': 'Pause',
  'send.resume': 'Reprendre l’envoi',
  'send.pausedNotice':
    'L’envoi est en pause : {sent, plural, one {# message} other {# messages}} sur {total, number} {sent, plural, one {envoyé} other {envoyés}}. Rien n’est envoyé deux fois à la reprise.',
  'report.title': 'Rapport',
  'report.totals':
    '{total, plural, one {# message} other {# messages}} : {sent, plural, one {# envoyé} other {# envoyés}}, {failed, number} en échec, {cancelled, plural, one {# annulé} other {# annulés}}.',
  'report.export': 'Exporter en CSV',
  'report.retryFailed': 'Réessayer {count, plural, one {la ligne en échec} other {les # lignes en échec}}',
  'report.newCampaign': 'Nouvelle campagne',
  'report.row': 'Ligne',
  'report.status': 'Statut',
  'report.sent': 'Envoyé',
  'report.failed': 'Échec',
  'report.cancelled': 'Annulé',
  'report.notYet': 'Pas encore envoyé',
  'report.moreInCsv': '…et {count, plural, one {# ligne de plus} other {# lignes de plus}} dans l’export CSV.',
  'report.reason.rejected': 'refusé par Microsoft 365',
  'report.reason.send_as_denied': 'pas le droit d’envoyer depuis cette boîte aux lettres',
  'report.reason.auth': 'connexion expirée ; reconnecte-toi et reprends',
  'report.reason.budget': 'limite d’envoi quotidienne atteinte ; reprends plus tard',
  'report.reason.unknown_outcome': 'non confirmé ; vérifie les Éléments envoyés',
  'report.reason.attempts_exhausted':
    'n’a pas pu être préparé dans Microsoft 365 après plusieurs tentatives ; réessaie plus tard',
  'report.reason.daily_limit':
    'renvoyé par Exchange : la boîte aux lettres a atteint sa limite de destinataires sur 24 heures ; renvoie-le demain',
  'report.reason.sender_restricted':
    'renvoyé par Exchange : ta boîte aux lettres est bloquée pour l’envoi ; demande au service informatique de la débloquer',
  'preview.testSend': 'Envoyer un test de ce message',
  'preview.testTo': 'Envoyer le test à',
  'preview.testToHint': 'Ta propre adresse, ou celle d’un collègue qui doit relire le message.',
  'preview.testToInvalid': '« {address} » n’est pas une adresse e-mail. Saisis une adresse comme anna@contoso.com.',
  'preview.testPrefix': '[Test]',
  'preview.testSent': 'Test envoyé à {address}. Regarde ta boîte de réception.',
  'send.from': 'Envoyer depuis',
  'send.fromHint':
    'Laisse vide pour envoyer depuis ta boîte aux lettres, ou saisis une boîte partagée pour laquelle tu as le droit « Envoyer en tant que ».',
  'send.fromOwn': 'Ta boîte aux lettres',
  'recipients.sheet': 'Feuille',
  'recipients.emptySheet': 'La feuille « {sheet} » de {file} est vide. Choisis une autre feuille.',
  'playground.attachments': 'Pièces jointes',
  'playground.removeAttachments': 'Tout retirer',
  'recipients.attachmentColumn': 'Colonne des pièces jointes (facultatif)',
  'recipients.attachmentHint':
    'Noms des pièces jointes du message, séparés par des points-virgules. Les pièces jointes qu’aucune ligne ne nomme partent à tout le monde.',
  'problems.missingAttachment':
    'La ligne {row} nomme le fichier « {name} », qui n’est pas joint au message. Joins-le ou corrige le nom ; d’ici là, cette ligne sera ignorée.',
  'problems.attachmentTooLarge':
    'Ligne {row} : avec « {name} », le message dépasse 35 Mo, ce qu’Exchange Online refuse. Partage plutôt les gros fichiers sous forme de lien ; cette ligne sera ignorée.',
  'preview.attachments': 'Pièces jointes',
  'recipients.contacts': 'Ou utiliser les contacts Outlook',
  'recipients.contactsMailbox': 'Contacts de (boîte partagée, facultatif)',
  'recipients.contactsCategory': 'Catégorie (facultatif)',
  'recipients.contactsAllCategories': 'Toutes les catégories',
  'recipients.loadContacts': 'Charger les contacts',
  'recipients.contactsSource': 'Contacts de {mailbox} ({category})',
  'recipients.contactsFailed': 'Les contacts n’ont pas pu être chargés : {message}',
  'wizard.label': 'Étapes de la campagne',
  'wizard.navigation': 'Passer d’une étape à l’autre',
  'wizard.back': 'Retour : {step}',
  'wizard.next': 'Suivant : {step}',
  'wizard.needRecipients': 'Choisis d’abord une liste de destinataires.',
  'problems.excludedBySender': 'La ligne {row} est exclue de cette campagne.',
  'problems.outsidePart.follow_up': 'La ligne {row} ne fait pas partie des destinataires de la relance.',
  'problems.outsidePart.rerun': 'La ligne {row} ne fait pas partie des lignes renvoyées.',
  'problems.exclude': 'Exclure la ligne {row}',
  'problems.include': 'Réintégrer la ligne {row}',
  'preview.exclude': 'Exclure ce destinataire',
  'budget.split':
    'Cette campagne nécessite {needed, plural, one {# destinataire} other {# destinataires}} (Cc et Cci compris). Ta boîte aux lettres peut en atteindre {limit, number} par 24 heures et il en reste {left, number} maintenant : Outmerge l’envoie donc en {parts, plural, one {# partie} other {# parties}} :',
  'budget.partNow':
    'Partie 1 : {messages, plural, one {# message} other {# messages}} ({recipients, plural, one {# destinataire} other {# destinataires}}), maintenant',
  'budget.part':
    'Partie {number} : {messages, plural, one {# message} other {# messages}} ({recipients, plural, one {# destinataire} other {# destinataires}}), à partir d’environ {time}',
  'budget.keepOpen':
    'Chaque partie démarre toute seule tant que ce volet est ouvert ; sinon, rouvre le volet après cette heure. Pour tout envoyer d’un coup, exclus des lignes.',
  'send.waiting':
    'La limite de 24 heures de ta boîte aux lettres est atteinte : {sent, plural, one {# message} other {# messages}} sur {total, number} {sent, plural, one {envoyé} other {envoyés}}. Le reste part à partir du {time}, tout seul tant que ce volet est ouvert ; sinon rouvre le volet à ce moment-là.',
  // Le volet sur plusieurs volets, Arrêter, les nouvelles tentatives, le rapport complet, le test, les images intégrées, le champ De.
  'send.fromMessage': 'De (tel que choisi dans le message)',
  'send.fromMessageHint':
    'Outmerge envoie depuis l’adresse du champ De du message. Pour envoyer depuis une boîte partagée, choisis-la dans De, puis recharge le message.',
  'send.fromShared': 'boîte partagée',
  'send.fromFallback': 'Envoyer depuis (cette version d’Outlook n’indique pas à Outmerge le champ De du message)',
  'send.observing':
    'Un autre volet Outmerge (une autre fenêtre de message ou un autre onglet) envoie cette campagne. Sa progression s’affiche ici ; si ce volet se ferme, celui-ci prend le relais tout seul.',
  'send.busy': 'Un autre volet Outmerge s’occupe de cette campagne. Utilise ce volet, ou ferme-le et réessaie.',
  'send.stopping':
    'Arrêt en cours : les brouillons pas encore envoyés sont supprimés, et les messages déjà remis à Microsoft 365 sont recherchés. Cela peut prendre une minute.',
  'send.signInToStop':
    'Connecte-toi pour arrêter : Outmerge supprime les brouillons pas encore envoyés et recherche les messages déjà remis à Microsoft 365.',
  // Scheduled campaigns and the campaign history (issue 14, points 1 and 5).
  'schedule.later': 'Envoyer plus tard',
  'schedule.laterHint': 'Exchange garde les messages et les envoie à l’heure choisie, même quand Outlook est fermé.',
  'schedule.when': 'Date et heure',
  'schedule.timeZone': 'Dans ton fuseau horaire : {zone}',
  'schedule.problem.invalid': 'Saisis une date et une heure qui existent dans ton calendrier, par exemple {example}.',
  'schedule.problem.past':
    'Choisis une heure au moins une minute plus tard : une heure déjà passée enverrait tout de suite.',
  'schedule.problem.too_far': 'Choisis une heure dans moins d’un an.',
  'schedule.button': 'Programmer {count, plural, one {# message} other {# messages}}',
  'schedule.partsIntro':
    'Ta boîte aux lettres peut écrire à {limit, number} destinataires en 24 heures : Exchange envoie donc cette campagne en {count, plural, one {une partie} other {# parties}} :',
  'schedule.part': '{messages, plural, one {# message} other {# messages}} du {from} au {to}',
  'schedule.partAt': '{messages, plural, one {# message} other {# messages}} le {time}',
  'schedule.prepare':
    'Outmerge remet d’abord chaque message à Exchange, qui le garde jusqu’à son heure : cela prend environ {minutes, plural, one {# minute} other {# minutes}}. Garde ce volet ouvert jusque-là ; ensuite, Outlook peut être fermé.',
  'schedule.prepareLate':
    'Remettre les messages à Exchange prend plus de temps qu’il n’en reste avant l’heure choisie : les messages dont l’heure est passée au moment de leur remise partent tout de suite.',
  'schedule.status':
    'Programmée : Exchange garde {held, plural, one {# message} other {# messages}} et les envoie à partir du {time}, même quand Outlook est fermé.',
  'schedule.cancel': 'Annuler la campagne programmée',
  'schedule.cancelTitle': 'Annuler cette campagne programmée ?',
  'schedule.cancelBody':
    'Les messages qu’Exchange garde encore sont supprimés et ne seront pas envoyés. Les messages déjà envoyés le restent.',
  'schedule.cancelConfirm': 'Annuler la campagne',
  'schedule.keep': 'La garder',
  'report.scheduled': 'Programmé pour le {time}',
  'history.open': 'Campagnes passées et programmées',
  'history.hide': 'Masquer les campagnes passées',
  'history.title': 'Campagnes passées et programmées',
  'history.where':
    'Conservées uniquement dans ce navigateur, sur cet appareil (les {count} dernières) : rien sur tes destinataires n’arrive sur les serveurs d’Outmerge. Les messages eux-mêmes sont dans les Éléments envoyés de ta boîte aux lettres.',
  'history.search': 'Rechercher par objet, boîte aux lettres ou date',
  'history.empty': 'Aucune campagne pour l’instant. Les campagnes apparaissent ici une fois terminées.',
  'history.noMatch': 'Aucune campagne ne correspond à « {query} ».',
  'history.scheduledTitle': 'Programmées',
  'history.pastTitle': 'Campagnes passées',
  'history.summary':
    '{date} : {sent, number} envoyés, {failed, number} en échec sur {total, plural, one {# ligne} other {# lignes}}',
  'history.scheduledSummary':
    '{held, plural, one {# message gardé} other {# messages gardés}} par Exchange, à partir du {time}',
  'history.fromOwn': 'ta boîte aux lettres',
  'history.view': 'Afficher le rapport',
  'history.back': 'Retour à la liste',
  'history.rerun':
    'Renvoyer {count, plural, one {la ligne en échec} other {les # lignes en échec}} dans une nouvelle campagne',
  'history.rerunUnsure':
    '{count, plural, one {# ligne n’a pas été confirmée et est peut-être partie : elle n’est pas renvoyée.} other {# lignes n’ont pas été confirmées et sont peut-être parties : elles ne sont pas renvoyées.}} Regarde dans les Éléments envoyés avant de {count, plural, one {la renvoyer} other {les renvoyer}}.',
  'history.rerunBusy': 'Une campagne est en cours ou son rapport est ouvert : ferme-la avant de renvoyer des lignes.',
  'history.remove': 'Retirer de la liste',
  'history.cancelled':
    'Annulée : {count, plural, one {# message gardé a été supprimé} other {# messages gardés ont été supprimés}}.',
  'template.attachmentsUnreadable':
    'Cette version d’Outlook ne laisse pas les compléments lire les pièces jointes du message : les messages partent donc sans elles. Mets Outlook à jour pour envoyer des fichiers avec chaque message.',
  'template.inlineUnmatched':
    '{count, plural, one {# image du message ne peut pas partir} other {# images du message ne peuvent pas partir}} avec lui : cette version d’Outlook n’indique pas à Outmerge quelle pièce jointe correspond à chaque image (Mailbox 1.16 est nécessaire), les destinataires verraient donc une image cassée. Retire les images, ou mets Outlook à jour.',
  'template.inlineTooLarge':
    'L’image {names} du message fait 3 Mo ou plus et ne peut pas être envoyée dans le texte : les destinataires verraient une image cassée. Réduis-la, ou joins-la comme fichier.',
  'preview.testCarries':
    'Le test part vers toi seul, avec les fichiers et les images de ce destinataire, exactement comme le message partira.',
  'preview.testNotSent': 'Le test n’a pas été envoyé : {message}',
  'problems.export': 'Exporter les vérifications (CSV)',
  'problems.csvFinding': 'Constat',
  'pager.range': '{from, number}–{to, number} sur {total, number}',
  'pager.label': 'Pages de {list}',
  'report.totalsAll':
    '{total, plural, one {# ligne} other {# lignes}} dans la liste : {sent, plural, one {# envoyée} other {# envoyées}}, {failed, number} en échec, {cancelled, plural, one {# annulée} other {# annulées}}, {skipped, plural, one {# écartée} other {# écartées}}.',
  'report.skipped': 'Écartée',
  'report.skip.missing_address': 'pas d’adresse e-mail',
  'report.skip.invalid_address': '« {address} » n’est pas une adresse e-mail valide',
  'report.skip.duplicate': 'même adresse que la ligne {first}',
  'report.skip.too_many_recipients':
    '{count, plural, one {# destinataire} other {# destinataires}}, plus que les 500 qu’accepte Exchange Online',
  'report.skip.missing_attachment': 'le fichier « {name} » n’est pas joint au message',
  'report.skip.attachment_too_large': 'plus de 35 Mo avec « {name} »',
  'report.skip.excluded_by_sender': 'exclue par toi',
  'report.skip.outside_part.follow_up': 'hors de la relance',
  'report.skip.outside_part.rerun': 'pas parmi les lignes renvoyées',
  'report.skip.empty_fields': '{fields} est vide',
  'report.reason.stopped_unconfirmed': 'arrêté pendant l’envoi ; il peut encore arriver : vérifie les Éléments envoyés',
  'report.csv.row': 'Ligne',
  'report.csv.to': 'À',
  'report.csv.cc': 'Cc',
  'report.csv.bcc': 'Cci',
  'report.csv.subject': 'Objet',
  'report.csv.status': 'Statut',
  'report.csv.detail': 'Détail',
  'playground.fromOwn': 'Ta boîte aux lettres',
  'playground.outlookVersion': 'Outlook simulé',
  'playground.version.1.16': 'Actuel (Mailbox 1.16 et plus)',
  'playground.version.1.15': 'Mailbox 1.8–1.15 : pas d’identifiant d’image',
  'playground.version.1.6': 'Mailbox 1.6 : ni champ De, ni pièces jointes',
  'consolidate.open': 'Fusionner des abonnements',
  'consolidate.title': 'Fusionner d’autres abonnements dans celui-ci',
  'consolidate.explain':
    'Leurs utilisateurs gardent une licence ici, les abonnements fusionnés prennent fin maintenant et leur temps non utilisé devient un avoir sur la prochaine facture de cet abonnement. Si les licences ne suffisent plus, cet abonnement s’agrandit et la différence est débitée de sa carte.',
  'consolidate.none': 'Tu ne possèdes aucun autre abonnement actif de cette organisation.',
  'consolidate.source':
    '{plan}, {quantity, plural, one {# licence} other {# licences}} ({assigned, plural, one {# attribuée} other {# attribuées}}), renouvellement le {date}',
  'consolidate.summary':
    '{seats, plural, one {# licence attribuée arrive} other {# licences attribuées arrivent}} ici ; {free, plural, one {# licence est libre} other {# licences sont libres}} ici maintenant.',
  'consolidate.confirm': 'Fusionner',
  'consolidate.done':
    '{count, plural, one {# abonnement fusionné} other {# abonnements fusionnés}} : {seats, plural, one {# licence déplacée} other {# licences déplacées}}, désormais {quantity, plural, one {# licence} other {# licences}}. Débité : {charged} ; avoir : {credit}.',
  'mergeInvite.open': 'Inviter un collègue à fusionner',
  'mergeInvite.title': 'Fusionner l’abonnement d’un collègue dans celui-ci',
  'mergeInvite.explain':
    'Un collègue qui a acheté son propre abonnement dans ton organisation peut le fusionner dans celui-ci s’il est d’accord. Ses utilisateurs reçoivent une licence ici, son abonnement prend fin et sa propriété te revient, et son temps payé non utilisé devient un avoir sur la prochaine facture de cet abonnement.',
  'mergeInvite.email': 'Adresse e-mail professionnelle de ton collègue',
  'mergeInvite.preview': 'Voir l’effet de la fusion',
  'mergeInvite.source':
    'Abonnement de {colleague} : {plan}, {quantity, plural, one {# licence} other {# licences}} ({assigned, plural, one {# attribuée} other {# attribuées}}), renouvellement le {date}.',
  'mergeInvite.seats':
    '{moving, plural, one {# personne reçoit} other {# personnes reçoivent}} une licence ici ; {free, plural, one {# licence est libre} other {# licences sont libres}} ici actuellement.',
  'mergeInvite.credit':
    'Avoir pour cet abonnement en cas d’acceptation aujourd’hui : {credit}. Il diminue chaque jour : c’est le montant du jour de l’acceptation qui compte.',
  'mergeInvite.noRoom':
    'Pas assez de licences libres ici : ajoute d’abord {missing, plural, one {# licence} other {# licences}} avec Modifier les licences, puis invite.',
  'mergeInvite.expiry':
    'L’invitation expire le {date}, dans 7 jours ; ensuite, invite de nouveau pour afficher un montant à jour.',
  'mergeInvite.send': 'Envoyer l’invitation',
  'mergeInvite.sent': 'Invitation envoyée à {email}. Elle expire le {date}.',
  'mergeInvite.list': 'Invitations envoyées',
  'mergeInvite.withdraw': 'Retirer',
  'mergeInvite.withdrawLabel': 'Retirer l’invitation envoyée à {email}',
  'mergeInvite.withdrawn': 'Invitation retirée.',
  'mergeInvite.item': '{email} : {status}',
  'mergeInvite.status.pending': 'réponse attendue jusqu’au {date}',
  'mergeInvite.status.accepted': 'acceptée',
  'mergeInvite.status.declined': 'refusée',
  'mergeInvite.status.withdrawn': 'retirée',
  'mergeInvite.status.expired': 'expirée',
  'mergeRequests.title': 'Demandes de fusion de ton abonnement',
  'mergeRequests.heading': '{inviter} demande à fusionner ton abonnement',
  'mergeRequests.what':
    'Ton abonnement ({plan}, {quantity, plural, one {# licence} other {# licences}}) serait fusionné dans celui que {inviter} gère pour ton organisation ({targetPlan}, {targetQuantity, plural, one {# licence} other {# licences}}).',
  'mergeRequests.seats':
    '{moving, plural, =0 {Personne n’est déplacé} one {# personne garde une licence, déplacée} other {# personnes gardent une licence, déplacée}} dans son abonnement{already, plural, =0 {} one { ; # en a déjà une} other { ; # en ont déjà une}}. Ton abonnement prend fin maintenant et sa propriété passe à {inviter}.',
  'mergeRequests.credit':
    'Avoir : {credit}, le temps payé non utilisé de ton abonnement, va sur la prochaine facture de son abonnement, justifié par une facture d’avoir.',
  'mergeRequests.noRoom':
    'Son abonnement n’a pas assez de licences libres pour tes utilisateurs : demande à {inviter} d’en ajouter, puis accepte.',
  'mergeRequests.expires': 'Réponds avant le {date}.',
  'mergeRequests.accept': 'Accepter et fusionner',
  'mergeRequests.acceptLabel': 'Accepter et fusionner ton abonnement dans celui de {inviter}',
  'mergeRequests.decline': 'Refuser',
  'mergeRequests.declineLabel': 'Refuser la demande de {inviter}',
  'mergeRequests.accepted':
    'Fusion faite : {seats, plural, one {# licence déplacée} other {# licences déplacées}}, {credit} en avoir ({notes}).',
  'mergeRequests.declined': 'Demande refusée. {inviter} en sera informé.',
  'apiError.CONSOLIDATION_NOT_ELIGIBLE':
    'Ce collègue n’a aucun abonnement qui puisse être fusionné : il doit s’agir de son propre abonnement individuel payé dans ton organisation, jamais fusionné.',
  'apiError.CONSOLIDATION_NO_ROOM':
    'Il n’y a pas assez de licences libres pour ses utilisateurs. Ajoute d’abord des licences, puis réessaie.',
  'apiError.CONSOLIDATION_INVITATION_NOT_FOUND':
    'Cette demande n’existe pas, ou elle n’est pas adressée au compte avec lequel tu t’es connecté.',
  'apiError.CONSOLIDATION_INVITATION_PENDING':
    'Ce collègue a déjà une invitation à fusionner en attente. Attends sa réponse ou retire-la.',
  'apiError.CONSOLIDATION_INVITATION_EXPIRED':
    'Cette demande a expiré. Demande à ton collègue d’en envoyer une nouvelle.',
  'apiError.CONSOLIDATION_INVITATION_DECLINED':
    'Cette demande a été refusée. Demande-en une nouvelle si tu as changé d’avis.',
  'apiError.CONSOLIDATION_INVITATION_WITHDRAWN': 'Cette demande a été retirée par la personne qui l’a envoyée.',
  'apiError.CONSOLIDATION_INVITATION_ACCEPTED': 'Cette demande a déjà été acceptée : les abonnements sont fusionnés.',
  'apiError.CONSOLIDATION_INVITATION_STALE':
    'L’abonnement dans lequel tu es invité a changé depuis l’envoi de la demande. Demande-en une nouvelle pour voir les nouvelles conditions.',
  'email.mergeInvite.subject': '{inviter} demande à fusionner ton abonnement Outmerge',
  'email.mergeInvite.body':
    '{inviter} demande à fusionner ton abonnement Outmerge ({plan}, {quantity, plural, one {# licence} other {# licences}}) dans l’abonnement qu’il gère pour ton organisation. Tes utilisateurs y gardent leur licence ; ton abonnement prend fin, sa propriété passe à {inviter} et son temps payé non utilisé ({credit} aujourd’hui) devient un avoir sur le sien.',
  'email.mergeInvite.next':
    'Ouvre le portail des licences en te connectant avec ton compte Microsoft 365 pour voir le détail, puis accepte ou refuse. La demande expire le {date}.',
  'email.mergeInvite.button': 'Voir la demande',
  'email.mergeAccepted.subject': '{colleague} a fusionné son abonnement dans le tien',
  'email.mergeAccepted.body':
    '{colleague} a accepté : {seats, plural, one {# licence déplacée} other {# licences déplacées}} dans ton abonnement, et {credit} porté en avoir sur sa prochaine facture.',
  'email.mergeDeclined.subject': '{colleague} a refusé de fusionner son abonnement',
  'email.mergeDeclined.body':
    '{colleague} a refusé ton invitation à fusionner son abonnement Outmerge dans le tien. Rien n’a changé.',
  // Partners (P1–P5): the partner area, offer links, approval of requests, product keys.
  'apiError.PARTNER_NOT_FOUND':
    'Cette organisation partenaire n’existe pas ou tu ne fais pas partie de son équipe. Demande à son propriétaire d’ajouter ton adresse.',
  'apiError.PARTNER_EXISTS':
    'Ton organisation est déjà partenaire. Demande à son propriétaire de t’ajouter à l’équipe.',
  'apiError.PARTNER_STAFF_NOT_FOUND':
    'Cette personne ne fait plus partie de l’équipe du partenaire. Actualise la liste.',
  'apiError.PARTNER_STAFF_OWNER': 'Le propriétaire du partenaire ne peut pas être retiré.',
  'apiError.OFFER_NOT_FOUND':
    'Ce lien d’offre n’est pas valide. Vérifie que tu as ouvert le lien en entier, ou demande un nouveau lien au partenaire.',
  'apiError.OFFER_DISABLED': 'Le partenaire a désactivé cette offre. Demande-lui un nouveau lien.',
  'apiError.OFFER_EXPIRED': 'Cette offre a expiré. Demande un nouveau lien au partenaire.',
  'apiError.OFFER_USED':
    'Cette offre était destinée à un seul client et a déjà été utilisée. Demande un nouveau lien au partenaire.',
  'apiError.OFFER_ALREADY_REDEEMED':
    'Ton organisation a déjà utilisé cette offre. Ouvre tes abonnements depuis la page d’accueil.',
  'apiError.PARTNER_REQUEST_NOT_FOUND':
    'Ce lien d’approbation n’est pas valide. Vérifie que tu as ouvert le lien de l’e-mail en entier.',
  'apiError.PARTNER_REQUEST_USED':
    'Cette demande a déjà reçu une réponse. L’onglet Administrateurs délégués de ton abonnement affiche tes partenaires.',
  'apiError.PARTNER_REQUEST_WITHDRAWN': 'Le partenaire a retiré cette demande. Rien n’a été accordé.',
  'apiError.PARTNER_REQUEST_EXPIRED':
    'Cette demande a expiré sans réponse. Demande au partenaire d’en envoyer une nouvelle.',
  'apiError.PARTNER_REQUEST_WRONG_ACCOUNT':
    'Cette demande est destinée à une autre adresse. Connecte-toi avec le compte auquel elle a été envoyée (une fenêtre de navigation privée aide), puis rouvre le lien.',
  'apiError.RELATIONSHIP_NOT_FOUND': 'Ce partenaire n’a plus accès à cet abonnement. Actualise la page.',
  'apiError.PRODUCT_KEY_INVALID':
    'Une clé de produit compte 30 lettres et chiffres en 6 groupes : XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX (les clés achetées auparavant en ont 5). Vérifie ta saisie.',
  'apiError.PRODUCT_KEY_NOT_FOUND':
    'Cette clé de produit n’est pas valide. Vérifie-la caractère par caractère ou demande à ton partenaire.',
  'apiError.PRODUCT_KEY_USED': 'Cette clé de produit a déjà été utilisée. Demandes-en une autre à ton partenaire.',
  'apiError.PRODUCT_KEY_EXPIRED': 'Cette clé de produit a expiré. Demandes-en une autre à ton partenaire.',
  'apiError.PRODUCT_KEY_PLAN_MISMATCH':
    'Cette clé est pour une autre formule que cet abonnement. Choisis un abonnement de la même formule, ou un nouvel abonnement.',
  'apiError.PRODUCT_KEY_SEATS_MISMATCH':
    'Cette clé ne convient pas à cet abonnement : elle paierait plus de licences que l’abonnement n’en a (ou que l’essai n’en garde). Augmente d’abord la quantité, ou utilise la clé pour un nouvel abonnement.',
  'apiError.PARTNER_OWN_CUSTOMER':
    'Un partenaire ne peut pas utiliser ses propres offres ni ses propres clés de produit : elles sont destinées à ses clients.',
  'apiError.PARTNER_TRIAL_ALLOWANCE_EXCEEDED':
    'Ce partenaire ne peut plus offrir de licences d’essai pour le moment. Il peut demander à l’équipe Outmerge un quota d’essai plus grand.',
  'apiError.TRIAL_OVER_LIMIT':
    'Un essai compte au plus les licences et les jours autorisés par l’équipe Outmerge. Choisis moins de licences ou un essai plus court.',
  'apiError.TRIAL_ALREADY_USED':
    'Ton organisation a déjà eu un essai de cette formule, ou un essai est en cours. Achète un abonnement pour continuer.',
  'apiError.TRIAL_AFTER_PURCHASE':
    'Ton organisation paie déjà cette formule : aucun essai n’en est proposé. Ajoute plutôt des licences à ton abonnement.',
  'apiError.TRIAL_SEATS_FIXED':
    'Un essai garde les licences qui lui ont été données. Achète un abonnement pour en avoir plus, ou ajoute une carte et l’essai deviendra payant à sa fin.',
  'apiError.IDEMPOTENCY_KEY_REUSED': 'Cet achat a déjà été envoyé avec d’autres données. Recharge la page et réessaie.',
  'apiError.IDEMPOTENCY_KEY_IN_USE':
    'Ce paiement est encore en cours de traitement. Réessaie dans quelques minutes : tu verras son résultat, et rien n’est débité deux fois.',
  'apiError.REQUEST_TIMEOUT': 'Ta demande n’est pas arrivée à temps. Vérifie ta connexion et réessaie.',
  'apiError.HEADERS_TOO_LARGE':
    'Ton navigateur a envoyé plus de données que le serveur n’en accepte. Efface les cookies de ce site et réessaie.',
  'apiError.partner.SUBSCRIPTION_NOT_FOUND':
    'Tu n’as plus accès à ce client : son propriétaire a mis fin à ton administration déléguée, ou elle a expiré. Demande au client d’approuver une nouvelle demande.',
  'apiError.partner.FORBIDDEN':
    'Le client n’a pas accordé cette autorisation à ton partenaire, ou ton rôle dans l’équipe ne la permet pas. Envoie au client une nouvelle demande qui l’inclut, ou demande au propriétaire de ton partenaire.',
  'partners.durationDays': '{days, plural, one {# jour} other {# jours}}',
  'partners.state.pending': 'En attente d’approbation',
  'partners.state.request_expired': 'Demande expirée',
  'partners.state.active': 'Active',
  'partners.state.expired': 'Expirée',
  'partners.state.declined': 'Refusée',
  'partners.state.withdrawn': 'Retirée',
  'partners.state.ended': 'Terminée par le client',
  'partners.role.owner': 'Propriétaire du partenaire',
  'partners.role.full': 'Administration complète',
  'partners.role.limited': 'Administration limitée',
  'partners.role.owner.explain': 'Tout, et gère l’équipe',
  'partners.role.full.explain': 'Offres, demandes, clés ; agit pour les clients avec ce qu’ils ont accordé',
  'partners.role.limited.explain': 'Voit les clients et attribue des licences uniquement',
  'partners.become.open': 'Devenir partenaire',
  'partners.become.title': 'Faire de ton organisation un partenaire Outmerge',
  'partners.become.explain':
    'En tant que partenaire, tu envoies à tes clients des invitations d’essai et des offres d’achat, tu administres leurs abonnements une fois qu’ils l’ont approuvé, tu leur achètes des clés de produit et tu vois ce qui change. Tu deviens propriétaire du partenaire et tu peux ajouter des collègues.',
  'partners.become.name': 'Nom du partenaire',
  'partners.become.nameHint': 'Les clients voient ce nom sur tes offres et tes demandes.',
  'partners.become.submit': 'Devenir partenaire',
  'partners.area.open': 'Espace partenaire : {name}',
  'partners.area.title': 'Espace partenaire : {name}',
  'partners.area.advisorCode': 'Ton code de conseiller (dans chaque lien d’offre) :',
  'partners.area.tabs': 'Sections de l’espace partenaire',
  'partners.tab.customers': 'Clients',
  'partners.tab.offers': 'Offres',
  'partners.tab.requests': 'Demandes d’administration',
  'partners.tab.keys': 'Clés de produit',
  'partners.tab.staff': 'Équipe',
  'partners.tab.notifications': 'Notifications',
  'partners.filter.active': 'Administration active',
  'partners.filter.pending': 'En attente d’approbation',
  'partners.filter.expired': 'Administration expirée',
  'partners.filter.ended': 'Terminée par le client',
  'partners.filter.none': 'Aucune administration',
  'partners.customers.explain':
    'Les clients venus par tes offres ou tes clés, ou qui t’ont accordé l’administration déléguée. Ouvre-en un pour travailler sur son abonnement tant que ton accès est actif.',
  'partners.customers.search': 'Rechercher',
  'partners.customers.searchHint': 'Organisation, propriétaire, locataire ou abonnement',
  'partners.customers.status': 'État',
  'partners.customers.anyStatus': 'Tous les états',
  'partners.customers.relationship': 'Administration déléguée',
  'partners.customers.anyRelationship': 'Toutes',
  'partners.customers.customer': 'Client',
  'partners.customers.seats': 'Licences',
  'partners.customers.seatsUsed':
    '{assigned, number} sur {quantity, plural, one {# licence attribuée} other {# licences attribuées}}',
  'partners.customers.administration': 'Administration déléguée',
  'partners.customers.until': 'jusqu’au {date}',
  'partners.customers.expiredOn': 'expirée le {date}',
  'partners.customers.noAdministration': 'Aucune',
  'partners.customers.ofRecord': 'tu es partenaire attitré',
  'partners.customers.open': 'Ouvrir',
  'partners.customers.openLabel': 'Ouvrir l’abonnement de {customer}',
  'partners.customers.requestFirst': 'Administration approuvée requise',
  'partners.customers.empty': 'Pas encore de clients. Crée une offre et envoie son lien, ou vends une clé de produit.',
  'partners.customers.noMatch': 'Aucun client ne correspond à cette recherche et à ces filtres.',
  'partners.customers.range': '{from, number}–{to, number} sur {total, plural, one {# client} other {# clients}}',
  'partners.offers.explain':
    'Une invitation d’essai ou une offre d’achat est un lien avec ton code de conseiller. Les clients qui l’utilisent obtiennent l’essai ou l’abonnement, et tu deviens leur partenaire attitré.',
  'partners.offers.new': 'Nouvelle offre',
  'partners.offers.kind': 'Type d’offre',
  'partners.offers.kind.trial': 'Invitation d’essai',
  'partners.offers.kind.purchase': 'Offre d’achat',
  'partners.offers.name': 'Nom',
  'partners.offers.nameHint': 'Pour toi et le client, p. ex. « Campagne de printemps ».',
  'partners.offers.plan': 'Formule',
  'partners.offers.seats': 'Licences',
  'partners.offers.seatsInvalid': 'Saisis un nombre entier de 1 à {max, number}.',
  'partners.offers.trialDays': 'Durée de l’essai en jours',
  'partners.offers.trialDaysInvalid':
    'Un essai dure de 1 à {max, number} jours : saisis un nombre entier dans cet intervalle.',
  'partners.offers.trialSeatsInvalid':
    'Un essai compte de 1 à {max, number} licences : saisis un nombre entier dans cet intervalle.',
  'partners.offers.priceMonth': '{price} par mois hors taxes',
  'partners.offers.priceYear': '{price} par an hors taxes',
  'partners.offers.priceShown': 'Prix affiché au client : {price}',
  'partners.offers.oneCustomer': 'Pour un seul client (sinon, tous les clients peuvent utiliser le lien)',
  'partners.offers.askAdministration': 'Demander aussi l’administration déléguée',
  'partners.offers.create': 'Créer le lien',
  'partners.offers.readOnly': 'Ton rôle te permet de voir les offres, mais pas d’en créer.',
  'partners.offers.linkReady': 'Le lien de « {name} » est prêt.',
  'partners.offers.linkOnce':
    'Copie-le maintenant et envoie-le à tes clients : par sécurité, il n’est affiché qu’une seule fois.',
  'partners.offers.link': 'Lien de l’offre',
  'partners.offers.copy': 'Copier le lien',
  'partners.offers.copied': 'Copié dans le presse-papiers.',
  'partners.offers.copyFailed': 'Le navigateur n’a pas autorisé la copie. Sélectionne le texte et copie-le toi-même.',
  'partners.offers.list': 'Tes offres',
  'partners.offers.empty': 'Pas encore d’offres. Crée-en une ci-dessus.',
  'partners.offers.what': 'Contenu',
  'partners.offers.administration': 'Administration demandée',
  'partners.offers.noAdministration': 'Aucune',
  'partners.offers.used': 'Utilisation',
  'partners.offers.usedBy': '{count, plural, =0 {Pas encore utilisée} one {Par # client} other {Par # clients}}',
  'partners.offers.usedOfOne': '{count, plural, =0 {Pas encore utilisée} other {Utilisée}}',
  'partners.offers.linkStatus': 'Lien',
  'partners.offers.active': 'Actif',
  'partners.offers.disabled': 'Désactivé',
  'partners.offers.expired': 'Expiré',
  'partners.offers.expires': 'jusqu’au {date}',
  'partners.offers.planSeats': '{plan}, {quantity, plural, one {# licence} other {# licences}}',
  'partners.offers.trialLength': 'gratuit pendant {days, plural, one {# jour} other {# jours}}',
  'partners.offers.disable': 'Désactiver',
  'partners.offers.enable': 'Activer',
  'partners.offers.disableLabel': 'Désactiver le lien de {name}',
  'partners.offers.enableLabel': 'Activer le lien de {name}',
  'partners.offers.disabledNotice': 'Le lien de « {name} » ne fonctionne plus.',
  'partners.offers.enabled': 'Le lien de « {name} » fonctionne de nouveau.',
  'partners.requests.explain':
    'Demande l’administration déléguée au propriétaire de l’abonnement d’un client. Rien n’est accordé avant qu’il approuve depuis l’e-mail ; il peut y mettre fin à tout moment, et elle se termine d’elle-même à la fin de sa durée.',
  'partners.requests.new': 'Nouvelle demande',
  'partners.requests.email': 'Adresse e-mail du propriétaire chez le client',
  'partners.requests.emailHint': 'La personne qui possède l’abonnement Outmerge du client.',
  'partners.requests.duration': 'Durée en jours',
  'partners.requests.durationHint': 'De 1 jour à 2 ans (730 jours).',
  'partners.requests.durationInvalid': 'Saisis un nombre entier de jours de 1 à 730.',
  'partners.requests.send': 'Envoyer la demande',
  'partners.requests.sent': 'Demande envoyée par e-mail à {email}. Tu verras ici sa réponse.',
  'partners.requests.list': 'Demandes et relations',
  'partners.requests.empty': 'Pas encore de demandes.',
  'partners.requests.customer': 'Client',
  'partners.requests.state': 'État',
  'partners.requests.requestedBy': 'demandée par {email} le {date}',
  'partners.requests.answerBy': 'ouverte jusqu’au {date}',
  'partners.requests.closedOn': 'le {date}',
  'partners.requests.withdraw': 'Retirer',
  'partners.requests.withdrawLabel': 'Retirer la demande envoyée à {email}',
  'partners.requests.withdrawn': 'La demande envoyée à {email} est retirée.',
  'partners.keys.explain':
    'Une clé de produit est un abonnement (formule, licences, durée) payé d’avance. Donne-la à un client : il l’utilise pour un nouvel abonnement ou pour en prolonger un, et tu deviens son partenaire attitré.',
  'partners.keys.buy': 'Acheter des clés de produit',
  'partners.keys.seats': 'Licences par clé',
  'partners.keys.termInMonths': 'Durée en mois',
  'partners.keys.termInYears': 'Durée en années',
  'partners.keys.termInvalid': 'Saisis un nombre entier de 1 à 36.',
  'partners.keys.count': 'Nombre de clés',
  'partners.keys.countInvalid': 'Saisis un nombre entier de 1 à 100.',
  'partners.keys.total': 'Total : {amount}, TTC',
  'partners.keys.card': 'Numéro de carte',
  'partners.keys.cardHint': 'Avec les paiements simulés, utilise la carte de test 4242 4242 4242 4242.',
  'partners.keys.pay': 'Payer {amount}',
  'partners.keys.saveNow': 'Enregistre ces clés maintenant : elles ne sont affichées qu’une seule fois.',
  'partners.keys.boughtSummary':
    '{count, plural, one {# clé achetée} other {# clés achetées}} pour {amount}. Outmerge ne garde que leur dernier groupe : personne ne pourra te les réafficher.',
  'partners.keys.alreadyShown': 'Ces clés ont été affichées lors de l’achat ; seul leur dernier groupe reste.',
  'partners.keys.copy': '{count, plural, one {Copier la clé} other {Copier les # clés}}',
  'partners.keys.copied': 'Copié dans le presse-papiers. Conserve les clés en lieu sûr.',
  'partners.keys.saved': 'Je les ai enregistrées',
  'partners.keys.list': 'Tes clés',
  'partners.keys.empty': 'Pas encore de clés.',
  'partners.keys.key': 'Clé',
  'partners.keys.bought': 'Achetée le',
  'partners.keys.termMonths': '{count, plural, one {# mois} other {# mois}}',
  'partners.keys.termYears': '{count, plural, one {# an} other {# ans}}',
  'partners.keys.status.unused': 'Non utilisée',
  'partners.keys.status.redeemed': 'Utilisée',
  'partners.keys.status.expired': 'Expirée',
  'partners.keys.redeemedOn': 'le {date}',
  'partners.keys.validUntil': 'valable jusqu’au {date}',
  'partners.staff.explain':
    'L’équipe se connecte avec son compte Microsoft 365 de ton organisation. L’administration complète gère offres, demandes et clés et agit pour les clients avec ce qu’ils ont accordé ; l’administration limitée voit les clients et attribue des licences.',
  'partners.staff.add': 'Ajouter un collègue',
  'partners.staff.email': 'Adresse e-mail',
  'partners.staff.role': 'Rôle',
  'partners.staff.addButton': 'Ajouter',
  'partners.staff.ownerOnly': 'Seul le propriétaire du partenaire ajoute et retire des membres de l’équipe.',
  'partners.staff.signedIn': 'Connecté',
  'partners.staff.since': 'oui, depuis le {date}',
  'partners.staff.notYet': 'pas encore',
  'partners.staff.added': '{email} fait partie de l’équipe : {role}.',
  'partners.staff.removed': '{email} ne fait plus partie de l’équipe.',
  'partners.staff.removeLabel': 'Retirer {email} de l’équipe',
  'partners.notifications.explain':
    'Les changements chez les clients dont tu es le partenaire attitré : licences, quantité, renouvellements et résiliations. Tu les reçois aussi par e-mail en résumé.',
  'partners.notifications.empty': 'Rien n’a encore changé chez tes clients.',
  'partners.notifications.emailed': 'Envoyé par e-mail',
  'partners.notifications.yes': 'oui',
  'partners.notifications.notYet': 'dans le prochain résumé',
  'partners.redeem.open': 'Utiliser une clé de produit',
  'partners.redeem.title': 'Utiliser une clé de produit',
  'partners.redeem.explain':
    'Ton partenaire t’a donné une clé pour un abonnement Outmerge. Utilise-la pour un nouvel abonnement dont tu seras propriétaire, ou pour prolonger un de tes abonnements de la même formule.',
  'partners.redeem.key': 'Clé de produit',
  'partners.redeem.keyHint': '30 caractères : XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX (clés plus anciennes : 25)',
  'partners.redeem.target': 'L’utiliser pour',
  'partners.redeem.newSubscription': 'Un nouvel abonnement',
  'partners.redeem.extend':
    'Prolonger : {plan}, {quantity, plural, one {# licence} other {# licences}}, renouvellement le {date}',
  'partners.redeem.submit': 'Utiliser la clé',
  'partners.redeem.created':
    'C’est fait : un nouvel abonnement, {plan}, {quantity, plural, one {# licence} other {# licences}}, jusqu’au {date}.',
  'partners.redeem.extended':
    'C’est fait : l’abonnement ({plan}, {quantity, plural, one {# licence} other {# licences}}) court désormais jusqu’au {date}.',
  'offer.title': 'Offre',
  'offer.heading': '{partner} te propose Outmerge',
  'offer.what': 'Offre',
  'offer.trialWhat':
    '{plan}, {quantity, plural, one {# licence} other {# licences}}, gratuit pendant {days, plural, one {# jour} other {# jours}}',
  'offer.purchaseWhat': '{plan}, {quantity, plural, one {# licence} other {# licences}}',
  'offer.price': 'Prix',
  'offer.partner': 'Partenaire',
  'offer.partnerValue': '{partner} (code de conseiller {code})',
  'offer.validUntil': 'Valable jusqu’au',
  'offer.trialExplain':
    'Aucune carte nécessaire. Avant la fin de l’essai, ajoute une carte dans Facturation pour continuer ; sinon, il s’arrête simplement.',
  'offer.administrationTitle': '{partner} demande aussi à administrer l’abonnement pendant {duration} :',
  'offer.administrationExplain':
    'Rien n’est accordé sans ton approbation : coche la case ci-dessous, ou approuve plus tard depuis l’e-mail que tu recevras. Tu peux y mettre fin à tout moment dans l’onglet Administrateurs délégués de l’abonnement.',
  'offer.signInFirst':
    'Connecte-toi avec ton compte professionnel Microsoft 365 pour profiter de cette offre. Ton organisation sera propriétaire de l’abonnement.',
  'offer.signedInAs': 'Tu es connecté en tant que {email} ; tu seras propriétaire de l’abonnement.',
  'offer.card': 'Numéro de carte',
  'offer.approveNow': 'Approuver dès maintenant l’administration déléguée par {partner}',
  'offer.startTrial': 'Commencer l’essai',
  'offer.buy': 'Acheter pour {price}',
  'offer.trialStarted': 'Ton essai a commencé.',
  'offer.bought': 'Merci : ton abonnement est payé et prêt.',
  'offer.approvalEmailed': 'Nous t’avons envoyé par e-mail la demande d’administration de {partner} à approuver.',
  'approve.signInFirst':
    'Connecte-toi avec le compte Microsoft 365 auquel la demande a été envoyée (le propriétaire de l’abonnement) pour l’examiner.',
  'approve.titleGeneric': 'Demande d’administration déléguée',
  'approve.title': '{partner} demande à administrer ton abonnement Outmerge',
  'approve.explain':
    '{partner} (code de conseiller {code} ; demande de {by}) souhaite t’aider à administrer ton abonnement avec ces autorisations :',
  'approve.permissions': 'Autorisations',
  'approve.duration': 'Pendant :',
  'approve.endAnyTime':
    'Son accès se termine de lui-même après cette durée. Tu peux y mettre fin plus tôt à tout moment dans l’onglet Administrateurs délégués de l’abonnement.',
  'approve.answerBy': 'Cette demande reste ouverte jusqu’au {date}.',
  'approve.for': 'Pour ton abonnement : {subscription}',
  'approve.choose': 'Quel abonnement peut-il administrer ?',
  'approve.subscription': '{plan}, {quantity, plural, one {# licence} other {# licences}} ({status})',
  'approve.noSubscription':
    'Tu ({email}) ne possèdes aucun abonnement auquel cette demande peut s’appliquer. Connecte-toi avec le compte du propriétaire.',
  'approve.approve': 'Approuver',
  'approve.decline': 'Refuser',
  'approve.done': 'Approuvé : {partner} peut administrer ton abonnement jusqu’au {date}.',
  'approve.declined': 'Refusé : {partner} n’a aucun accès à ton abonnement.',
  'customerPartners.title': 'Partenaires',
  'customerPartners.explain':
    'Les organisations partenaires qui ont l’administration déléguée de cet abonnement ou qui la demandent. Leur équipe agit avec ces autorisations jusqu’à la date indiquée.',
  'customerPartners.none': 'Aucun partenaire n’administre cet abonnement.',
  'customerPartners.partner': 'Partenaire',
  'customerPartners.code': 'code de conseiller {code}',
  'customerPartners.end': 'Mettre fin à l’accès',
  'customerPartners.endLabel': 'Mettre fin à l’accès de {partner}',
  'customerPartners.declineLabel': 'Refuser la demande de {partner}',
  'customerPartners.endTitle': 'Mettre fin à l’accès de {partner} ?',
  'customerPartners.endExplain':
    'L’équipe de {partner} ne peut plus voir ni modifier cet abonnement, dès maintenant. Pour retravailler avec ce partenaire, il devra envoyer une nouvelle demande.',
  'customerPartners.declineTitle': 'Refuser la demande de {partner} ?',
  'customerPartners.declineExplain': '{partner} n’obtient aucun accès à cet abonnement.',
  'customerPartners.ended': '{partner} n’a plus accès à cet abonnement.',
  'customerPartners.declined': 'Tu as refusé la demande de {partner}.',
  'email.productKeys.subject': 'Tes clés de produit Outmerge',
  'email.productKeys.intro':
    '{partner} a acheté {count, plural, one {# clé de produit} other {# clés de produit}} : {plan}, {seats, plural, one {# licence} other {# licences}}, {term} chacune. Donne chaque clé à un seul client ; il l’utilise dans le portail des licences.',
  'email.productKeys.key': '{key}',
  'email.productKeys.keep':
    'Garde cet e-mail : Outmerge ne conserve qu’une empreinte de chaque clé et ne peut plus les afficher. Les clés inutilisées expirent le {date}.',
  'email.productKeys.button': 'Utiliser une clé de produit',
  'email.productKeys.termMonths': '{count, plural, one {# mois} other {# mois}}',
  'email.productKeys.termYears': '{count, plural, one {# an} other {# ans}}',
  'partners.keys.emailed': 'Nous les avons aussi envoyées par e-mail à {email}.',
  'partners.keys.invoices': 'Factures',
  'partners.keys.invoiceNumber': 'Facture',
  'partners.keys.invoiceTotal': 'Total',
  'partners.keys.print': 'Imprimer',
  'partners.keys.printInvoice': 'Imprimer la facture {number}',
  'email.paymentFailed.subject': 'Ton abonnement Outmerge n’a pas pu être renouvelé',
  'email.paymentFailed.intro':
    'Le renouvellement de ton abonnement Outmerge ({plan}, {quantity, plural, one {# licence} other {# licences}}) n’a pas pu être débité : facture {invoice}, {amount}.',
  'email.paymentFailed.what':
    'Tes utilisateurs restent sous licence jusqu’au {date}. Règle la facture ou remplace la carte dans Facturation d’ici là ; sinon l’abonnement expire et les messages portent de nouveau le pied de page Outmerge.',
  'email.paymentFailed.button': 'Ouvrir l’abonnement',
  'email.expired.subject': 'Ton abonnement Outmerge a expiré',
  'email.expired.intro':
    'Ton abonnement Outmerge ({plan}, {quantity, plural, one {# licence} other {# licences}}) a expiré : son renouvellement n’a pas été réglé pendant le délai de grâce.',
  'email.expired.what':
    'Les messages de tes utilisateurs portent de nouveau le pied de page Outmerge. Régler la facture ouverte dans Facturation réactive l’abonnement aussitôt, avec toutes ses licences.',

  // Licences qui suivent les groupes Microsoft 365 (issue 17).
  'groups.title': 'Groupes Microsoft 365',
  'groups.explain':
    'Les membres des groupes que tu lies reçoivent une licence, dans la limite des licences achetées ; qui quitte tous les groupes liés perd, à la synchronisation suivante, la licence qu’un groupe lui avait donnée. Les licences attribuées à la main restent telles quelles, et une personne présente dans deux groupes n’occupe qu’une licence. Seuls les groupes du locataire Microsoft 365 de ton organisation peuvent être liés.',
  'groups.none': 'Aucun groupe lié pour l’instant : cherches-en un ci-dessous.',
  'groups.search': 'Chercher un groupe de ton organisation',
  'groups.searchHint': 'Le début d’un mot de son nom ; laisse vide pour lister les premiers groupes.',
  'groups.searchButton': 'Chercher',
  'groups.searching': 'Recherche…',
  'groups.noResults': 'Aucun groupe de ton organisation ne correspond à « {text} ».',
  'groups.results': 'Groupes trouvés',
  'groups.link': 'Lier',
  'groups.linkLabel': 'Lier le groupe {name}',
  'groups.alreadyLinked': 'Lié',
  'groups.linkedNotice':
    'Le groupe {name} est lié : {added, plural, =0 {aucune licence attribuée} one {# membre a reçu une licence} other {# membres ont reçu une licence}}.',
  'groups.notLinkable':
    'Les listes de distribution ne donnent pas de licences : utilise un groupe de sécurité ou un groupe Microsoft 365.',
  'groups.kind.security': 'Groupe de sécurité',
  'groups.kind.microsoft365': 'Groupe Microsoft 365',
  'groups.kind.distribution': 'Liste de distribution',
  'groups.name': 'Groupe',
  'groups.kind': 'Type',
  'groups.membersColumn': 'Membres',
  'groups.lastRead': 'Dernière lecture',
  'groups.memberCount': '{count, plural, one {# membre} other {# membres}}',
  'groups.unlink': 'Délier',
  'groups.unlinkLabel': 'Délier le groupe {name}',
  'groups.unlinkTitle': 'Délier {name} ?',
  'groups.unlinkExplain':
    'Les licences données par ce groupe sont retirées tout de suite, sauf si la personne est dans un autre groupe lié ; elle reçoit un e-mail. Les licences attribuées à la main restent.',
  'groups.unlinkedNotice': 'Le groupe {name} n’est plus lié.',
  'groups.syncNow': 'Synchroniser maintenant',
  'groups.syncing': 'Synchronisation…',
  'groups.syncedNotice':
    'Synchronisé : {added, plural, =0 {aucune licence attribuée} one {# licence attribuée} other {# licences attribuées}}, {removed, plural, =0 {aucune retirée} one {# retirée} other {# retirées}}.',
  'groups.lastSync': 'Dernière synchronisation {when} : {result}',
  'groups.neverSynced': 'Pas encore synchronisé.',
  'groups.running': 'Une synchronisation est en cours.',
  'groups.changes':
    '{added, plural, =0 {aucune licence attribuée} one {# licence attribuée} other {# licences attribuées}}, {removed, plural, =0 {aucune retirée} one {# retirée} other {# retirées}}',
  'groups.result.ok': 'terminée',
  'groups.result.consent_missing':
    'arrêtée. Outmerge n’a pas le droit de lire tes groupes : un administrateur de ton locataire Microsoft 365 n’a pas accordé ses autorisations, ou les a retirées. Les licences restent telles quelles jusqu’à ce qu’elles soient accordées de nouveau.',
  'groups.result.group_not_found':
    'un groupe lié n’existe plus dans Microsoft 365 : délie-le. Ses licences restent jusque-là.',
  'groups.result.throttled':
    'Microsoft 365 a demandé à Outmerge de ralentir ; la prochaine synchronisation réessaiera. Les licences restent telles quelles.',
  'groups.result.unavailable':
    'Microsoft 365 n’a pas pu être joint ; la prochaine synchronisation réessaiera. Les licences restent telles quelles.',
  'groups.result.credentials_invalid':
    'arrêtée : Microsoft 365 a refusé les identifiants de ce déploiement d’Outmerge. Préviens les personnes qui l’exploitent.',
  'groups.result.tenant_not_found':
    'arrêtée : Microsoft 365 ne connaît pas le locataire de ton organisation. Préviens les personnes qui exploitent Outmerge.',
  'groups.readError': 'Lecture impossible : {result}',
  'groups.consentTitle': 'Autorisation nécessaire de ton administrateur Microsoft 365',
  'groups.consentExplain':
    'Pour lire tes groupes sans que personne ne soit connecté, Outmerge a besoin de deux autorisations d’application dans ton locataire : GroupMember.Read.All (tes groupes et leurs membres) et User.Read.All (les adresses des membres). Seul un administrateur de ton locataire peut les accorder.',
  'groups.consentLink': 'Accorder les autorisations (administrateurs)',
  'groups.consentGranted': 'Ton administrateur a accordé les autorisations. Cherche un groupe ci-dessous.',
  'groups.consentRefused': 'Les autorisations n’ont pas été accordées : {description}',
  'groups.waitingTitle': 'En attente d’une licence',
  'groups.waitingExplain':
    '{count, plural, one {# membre n’a} other {# membres n’ont}} pas de licence : toutes sont prises. Achète {buy, plural, one {# licence de plus} other {# licences de plus}} pour que chacun en ait une ; elles seront attribuées à la prochaine synchronisation.',
  'groups.waitingSince': 'dans le groupe depuis le {when}',
  'groups.waitingMore': '…et {count, number} de plus.',
  'groups.guests':
    '{count, plural, one {# invité se trouve} other {# invités se trouvent}} dans les groupes liés. Les invités ne reçoivent pas de licence par un groupe : leurs messages partent de leur propre organisation.',
  'groups.readOnly':
    'Le propriétaire et les administrateurs délégués autorisés à attribuer des licences lient les groupes.',
  'groups.region': 'Licences des groupes Microsoft 365',
  'paneAdmin.groups': 'Les licences suivent {count, plural, one {le groupe} other {les groupes}} {names}.',
  'paneAdmin.groupsLastSync': 'Dernière synchronisation {when} : {result}',
  'paneAdmin.groupsWaiting': '{count, plural, one {# membre attend} other {# membres attendent}} une licence.',
  'email.welcome.introGroup':
    'Ton organisation t’a donné une licence Outmerge parce que tu fais partie du groupe Microsoft 365 {group}. Tes publipostages depuis Outlook sont désormais envoyés sans le pied de page Outmerge.',
  'email.seatRemovedByGroup.body':
    'Tu ne fais plus partie d’un groupe Microsoft 365 qui te donne une licence Outmerge : elle a donc été retirée. Tes publipostages incluront de nouveau le pied de page Outmerge. S’il s’agit d’une erreur, demande à ton service informatique de te rajouter au groupe.',
  'journal.action.group.linked': 'Groupe lié',
  'journal.action.group.unlinked': 'Groupe délié',
  'journal.action.group.sync_stopped': 'Synchronisation des groupes arrêtée',
  'journal.role.group_sync': 'Synchronisation des groupes (automatique)',
  'apiError.GROUP_NOT_FOUND':
    'Ce groupe n’existe pas dans le locataire Microsoft 365 de ton organisation. Relance la recherche et choisis-en un dans la liste.',
  'apiError.GROUP_NOT_SUPPORTED':
    'Les listes de distribution ne donnent pas de licences : lie un groupe de sécurité ou un groupe Microsoft 365.',
  'apiError.GROUP_LINK_NOT_FOUND': 'Ce groupe n’est pas (ou plus) lié. Recharge la page.',
  'apiError.GROUP_LIMIT_REACHED':
    'Un abonnement suit au plus 20 groupes. Délie-en un d’abord, ou utilise un groupe qui réunit tout le monde.',
  'apiError.GROUP_CONSENT_MISSING':
    'Outmerge n’a pas encore le droit de lire tes groupes : un administrateur de ton locataire Microsoft 365 doit accorder ses autorisations avec le lien affiché.',
  'apiError.GROUP_SYNC_BUSY':
    'Une synchronisation de cet abonnement est déjà en cours. Regarde de nouveau dans un instant.',
  'apiError.GROUP_SYNC_UNAVAILABLE': 'Microsoft 365 est injoignable pour le moment. Réessaie dans quelques minutes.',
  'apiError.GROUP_SYNC_NOT_CONFIGURED':
    'La synchronisation des groupes n’est pas configurée sur ce déploiement d’Outmerge (il lui faut le secret client de l’inscription d’application). Préviens les personnes qui l’exploitent.',
  'problems.suppressed.unsubscribed':
    'La ligne {row} ({address}) est exclue : cette adresse a demandé à se désabonner.',
  'problems.suppressed.bounced':
    'La ligne {row} ({address}) est exclue : un message à cette adresse est revenu non distribué lors d’une campagne précédente.',
  'report.skip.suppressed.unsubscribed': 'désabonnée',
  'report.skip.suppressed.bounced': 'non distribuée lors d’une campagne précédente',
  'inbox.title': 'Retours, désabonnements et réponses',
  'inbox.enable':
    'Lire les retours de non-distribution, les demandes de désabonnement et les réponses dans ma boîte aux lettres',
  'inbox.enableHint':
    'Le volet lit ta boîte de réception et tes éléments envoyés, et garde la liste d’exclusion dans un dossier masqué de ta boîte aux lettres ; rien ne va au serveur Outmerge. Microsoft 365 peut te demander d’autoriser la lecture et l’écriture de tes messages (Mail.ReadWrite).',
  'inbox.unsubscribeLine': 'Ajouter une ligne de désabonnement à chaque message',
  'inbox.suppressedCount':
    '{count, plural, =0 {Personne n’est sur ta liste d’exclusion.} one {# adresse est sur ta liste d’exclusion : les prochaines campagnes l’excluent.} other {# adresses sont sur ta liste d’exclusion : les prochaines campagnes les excluent.}}',
  'inbox.loading': 'Lecture de ta boîte aux lettres…',
  'inbox.failed':
    'Ta boîte aux lettres n’a pas pu être lue ({message}). Réessaie dans un instant ; si l’erreur persiste, désactive puis réactive l’option.',
  'unsubscribe.sentence': 'Tu ne veux plus recevoir ces messages ?',
  'unsubscribe.link': 'Se désabonner',
  'unsubscribe.word': 'Désabonnement',
  'report.inbox.check': 'Vérifier les retours et les réponses',
  'report.inbox.needsOption':
    'Pour voir les retours et les réponses, active « Lire les retours de non-distribution, les demandes de désabonnement et les réponses dans ma boîte aux lettres » avant l’envoi.',
  'report.inbox.summary':
    'Acceptés par Exchange : {accepted} · non distribués : {bounced} · encore en attente : {waiting} · réponses : {replied}',
  'report.delivery.waiting': 'encore en attente d’Exchange',
  'report.delivery.accepted': 'accepté par Exchange',
  'report.delivery.bounced': 'non distribué : {status} {reason}',
  'report.delivery.replied': 'a répondu',
  'report.inbox.suppressBounced':
    '{count, plural, one {Exclure l’adresse non distribuée la prochaine fois} other {Exclure les # adresses non distribuées la prochaine fois}}',
  'report.inbox.suppressedDone':
    '{count, plural, one {# adresse ajoutée à ta liste d’exclusion.} other {# adresses ajoutées à ta liste d’exclusion.}}',
  'report.inbox.followUpDays': 'Relancer les lignes sans réponse après (jours)',
  'report.inbox.followUp':
    '{count, plural, =0 {Aucune ligne à relancer pour l’instant} one {Relancer la ligne sans réponse} other {Relancer les # lignes sans réponse}}',
  'report.inbox.followUpNotYet':
    '{count, plural, =0 {Aucune ligne n’attend de relance.} one {# ligne sans réponse n’est pas encore à relancer : elle a été envoyée il y a moins de {days} jours.} other {# lignes sans réponse ne sont pas encore à relancer : elles ont été envoyées il y a moins de {days} jours.}}',
  'followUp.notice':
    '{count, plural, one {Relance : écris le second message dans cette fenêtre de rédaction et envoie-le comme une nouvelle campagne. Seule la ligne qui n’a pas répondu le reçoit.} other {Relance : écris le second message dans cette fenêtre de rédaction et envoie-le comme une nouvelle campagne. Seules les # lignes qui n’ont pas répondu le reçoivent.}}',
  'followUp.cancel': 'Envoyer plutôt à toutes les lignes',
};
