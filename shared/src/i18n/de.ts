/** German messages. Keys and {placeholders} as in en.ts. */
import type { en } from './en.js';

export const de: Record<keyof typeof en, string> = {
  'app.name': 'Outmerge',
  'app.tagline': 'Serien-E-Mails für Outlook',
  'common.signIn': 'Anmelden',
  'common.signOut': 'Abmelden',
  'common.cancel': 'Abbrechen',
  'common.close': 'Schließen',
  'common.retry': 'Erneut versuchen',
  'common.loading': 'Wird geladen…',
  'common.refresh': 'Aktualisieren',
  'common.language': 'Sprache',
  'common.previous': 'Zurück',
  'common.next': 'Weiter',
  'common.label': '{label}:',
  'common.labelled': '{label}: {value}',

  'auth.title': 'Mit Microsoft 365 anmelden',
  'auth.intro':
    'Outmerge verwendet dein Microsoft 365-Konto, um aus deinem Postfach zu senden und deine Lizenz zu prüfen.',
  'auth.dev.title': 'Anmeldung (Entwicklung)',
  'auth.dev.explain':
    'Diese Bereitstellung verwendet statt Microsoft 365 den Identitätsanbieter für die Entwicklung. Wähle aus, als wer du dich anmeldest.',
  'auth.dev.email': 'E-Mail-Adresse',
  'auth.dev.organisation': 'Organisation (Microsoft 365-Mandant)',
  'auth.dev.organisationFromDomain': 'Aus der E-Mail-Domäne',
  'auth.dev.name': 'Anzeigename (optional)',
  'auth.dev.invalidEmail': 'Gib eine gültige E-Mail-Adresse ein, zum Beispiel anna@contoso.com.',
  'auth.error': 'Die Anmeldung ist fehlgeschlagen: {message}',
  'auth.signedInAs': 'Angemeldet als {email}',
  'auth.windowBlocked':
    'Das Anmeldefenster konnte sich nicht öffnen. Erlaube Pop-ups für diese Seite (in Outlook im Web wähle Zulassen, wenn Outlook fragt) und versuche es dann erneut.',
  'consent.title': 'Deine Organisation hat das für Outmerge noch nicht genehmigt',
  'consent.explain':
    'Outmerge braucht {count, plural, one {diese Berechtigung} other {diese Berechtigungen}} deines Microsoft 365-Kontos, die deine IT-Administration für deine Organisation erteilen muss:',
  'consent.permission.api': 'dich bei Outmerge anmelden und deine Lizenz prüfen',
  'consent.permission.userRead': 'dich anmelden (die grundlegende Anmeldeberechtigung von Microsoft)',
  'consent.permission.mailReadWrite':
    'jede Nachricht vor dem Senden als Entwurf in deinem Postfach anlegen und, wenn du es einschaltest, Unzustellbarkeitsberichte und Antworten lesen und deine Sperrliste in einem ausgeblendeten Ordner führen',
  'consent.permission.mailSend': 'die Nachrichten aus deinem Postfach senden',
  'consent.permission.mailSendShared': 'als oder im Auftrag eines freigegebenen Postfachs senden',
  'consent.permission.contactsRead': 'deine Outlook-Kontakte als Empfängerliste lesen',
  'consent.permission.contactsReadShared': 'die Kontakte eines freigegebenen Postfachs lesen',
  'consent.askIt': 'Schick deiner IT-Administration diesen Link; sie öffnet ihn einmal und genehmigt für alle:',
  'consent.link': 'Link zur Administratorzustimmung für deine Organisation',
  'consent.retry': 'Erneut versuchen, sobald die IT zugestimmt hat',
  'consent.granted':
    'Die Administratorzustimmung ist für deine Organisation erteilt: Deine Benutzer können Outmerge verwenden, ohne nach Berechtigungen gefragt zu werden.',
  'consent.notGranted': 'Die Administratorzustimmung wurde nicht erteilt: {message}',
  'authDialog.working': 'Anmeldung mit Microsoft 365 …',
  'authDialog.done': 'Angemeldet. Dieses Fenster schließt sich von selbst.',
  'authDialog.failed': 'Die Anmeldung ist fehlgeschlagen: {message}',
  'authDialog.notFromPane':
    'Dieses Anmeldefenster öffnet sich aus dem Outmerge-Bereich in Outlook. Schließe es und melde dich im Bereich an.',
  'authDialog.development':
    'Diese Bereitstellung meldet mit dem Identitätsanbieter für die Entwicklung an, daher wird dieses Anmeldefenster nicht verwendet.',

  'license.title': 'Lizenz',
  'license.checking': 'Deine Lizenz wird geprüft…',
  'license.licensed': 'Lizenziert',
  'license.free': 'Kostenlose Version',
  'license.licensedDetail': 'Deine Nachrichten werden ohne die Outmerge-Fußzeile gesendet.',
  'license.freeDetail': 'Jede Nachricht endet mit einer kurzen Outmerge-Fußzeile.',
  'license.expiredDetail':
    'Das Abonnement deiner Organisation ist abgelaufen, daher enthalten Nachrichten bis zur Verlängerung die Outmerge-Fußzeile. Wende dich an den Abonnementinhaber.',
  'license.suspendedDetail':
    'Deine Lizenz ist gesperrt, daher enthalten Nachrichten die Outmerge-Fußzeile. Wende dich an deinen Administrator.',
  'license.removedDetail':
    'Ein Administrator hat deine Lizenz entfernt, daher enthalten Nachrichten die Outmerge-Fußzeile. Falls das ein Irrtum ist, wende dich an deinen Administrator.',
  'license.offlineDetail':
    'Der Lizenzserver ist nicht erreichbar. Bis deine Lizenz bestätigt werden kann, enthalten Nachrichten die Outmerge-Fußzeile; das Senden funktioniert weiterhin.',
  'license.cachedDetail':
    'Der Lizenzserver ist nicht erreichbar; deine zuvor bestätigte Lizenz bleibt bis {date} gültig.',
  'license.signInExpiredDetail':
    'Deine Anmeldung ist abgelaufen, daher konnte deine Lizenz nicht geprüft werden und Nachrichten enthalten die Outmerge-Fußzeile. Melde dich ab und wieder an.',
  'license.invalidDetail':
    'Die Antwort des Lizenzservers konnte nicht überprüft werden, daher enthalten Nachrichten die Outmerge-Fußzeile. Prüfe es später erneut; wenn es weiter passiert, wende dich an deinen Administrator.',
  'license.clockDetail':
    'Die Uhr deines Computers wurde anscheinend zurückgestellt, daher ist deine gespeicherte Lizenz nicht vertrauenswürdig und Nachrichten enthalten die Outmerge-Fußzeile. Korrigiere Datum und Uhrzeit und prüfe dann erneut.',
  'license.openPortal': 'Lizenzportal öffnen',
  'license.recheck': 'Erneut prüfen',

  'template.title': 'Nachricht',
  'template.explain':
    'Betreff und Text stammen aus der Nachricht, die du gerade schreibst. Setze Seriendruckfelder wie {{First Name}} dort ein, wo der Wert des jeweiligen Empfängers stehen soll.',
  'template.reload': 'Aus der Nachricht neu laden',
  'template.subject': 'Betreff',
  'template.fieldsUsed': 'Verwendete Seriendruckfelder',
  'template.noFields': 'Noch keine Seriendruckfelder. Gib eines wie {{First Name}} in die Nachricht ein.',
  'template.empty':
    'Die Nachricht hat noch keinen Betreff und keinen Text. Schreibe sie im Verfassen-Fenster und lade sie dann neu.',
  'template.readError': 'Die Nachricht konnte nicht gelesen werden: {message}',
  'picker.title': 'Seriendruckfeld einfügen',
  'picker.column': 'Spalte',
  'picker.choose': 'Spalte auswählen',
  'picker.fallback': 'Wenn die Zelle leer ist, schreiben (optional)',
  'picker.fallbackHint':
    'Zum Beispiel „zusammen“: Die Nachricht sagt dann „Hallo zusammen“ zu einer Zeile ohne Vornamen.',
  'picker.fallbackBraces': 'Der Text für leere Zellen darf weder { noch } enthalten.',
  'picker.insert': 'In die Nachricht einfügen',
  'picker.hint':
    'Klicke in der Nachricht dorthin, wo das Feld stehen soll, und füge es dann ein. Im Betreff tippst du das Feld selbst ein.',
  'picker.noList': 'Wähle zuerst eine Empfängerliste: Die Auswahl bietet ihre Spalten an.',
  'picker.unusable':
    '{count, plural, one {Diese Spalte kann kein Seriendruckfeld sein} other {Diese Spalten können keine Seriendruckfelder sein}}, weil der Name eine geschweifte Klammer, einen senkrechten Strich, ein Anführungszeichen oder ein Gleichheitszeichen enthält: {columns}. Benenne sie in der Datei um.',
  'picker.inserted': '{tag} steht jetzt in der Nachricht, dort wo der Cursor war.',
  'picker.failed':
    'Das Feld konnte nicht eingefügt werden ({message}). Klicke in der Nachricht dorthin, wo es stehen soll, und versuche es erneut, oder tippe dort {tag} ein.',
  'syntax.title': 'So funktionieren Seriendruckfelder',
  'syntax.fieldCode': '{{Vorname}}',
  'syntax.field':
    'Der Wert der Zeile in der Spalte „Vorname“. Groß- und Kleinschreibung und Leerzeichen spielen keine Rolle.',
  'syntax.fallbackCode': '{{Vorname | zusammen}}',
  'syntax.fallback': 'Dasselbe, oder „zusammen“, wenn die Zelle leer ist.',
  'syntax.ifCode': '{{#if Firma}}bei {{Firma}}{{else}}privat{{/if}}',
  'syntax.if': 'Der erste Text, wenn die Zelle gefüllt ist, sonst der Text nach {{else}}. {{else}} ist optional.',
  'syntax.ifValueCode': '{{#if Land = "FR"}}Bonjour{{else}}Guten Tag{{/if}}',
  'syntax.ifValue':
    'Vergleicht die Zelle mit einem Wert (Groß- und Kleinschreibung spielt keine Rolle); != bedeutet „ist nicht“.',
  'syntax.where':
    'Felder funktionieren im Betreff und im Text, auch in Links. Werte werden als Text eingesetzt: Eine Zelle kann keine Formatierung, keine Bilder und keine Links hinzufügen.',

  'recipients.title': 'Empfänger',
  'recipients.explain': 'Wähle eine CSV- oder Excel-Datei (.xlsx) mit einer Kopfzeile und einer Zeile pro Empfänger.',
  'recipients.choose': 'CSV- oder Excel-Datei auswählen',
  'recipients.reading': '{file} wird gelesen…',
  'recipients.loaded':
    '{rows, plural, one {# Zeile} other {# Zeilen}} und {columns, plural, one {# Spalte} other {# Spalten}} aus {file}',
  'recipients.emailColumn': 'Spalte mit den E-Mail-Adressen',
  'recipients.noEmailColumn':
    'Keine Spalte in {file} enthält E-Mail-Adressen. Füge eine Spalte mit den Adressen der Empfänger hinzu (zum Beispiel „E-Mail“), speichere die Datei und wähle sie erneut aus.',
  'recipients.noRows':
    '{file} hat eine Kopfzeile, aber keine Empfänger. Füge eine Zeile pro Empfänger hinzu und wähle die Datei erneut aus.',
  'recipients.parseError':
    '{file} konnte nicht gelesen werden ({message}). Speichere die Datei als CSV (UTF-8) und wähle sie erneut aus.',
  'recipients.notCsv': '{file} ist keine CSV-Datei. Speichere deine Tabelle als CSV (UTF-8) und wähle diese Datei aus.',
  'recipients.mostlyInvalid':
    'Die Spalte „{column}“ in {file} sollte die Adressen der Empfänger enthalten, aber {invalid, plural, one {# von {total, number} Werten ist keine E-Mail-Adresse} other {# von {total, number} Werten sind keine E-Mail-Adressen}} (zum Beispiel „{example}“). Korrigiere die Adressen, speichere die Datei und wähle sie erneut aus.',
  'grid.title': 'Zeilen zum Senden',
  'grid.search': 'Zeilen suchen',
  'grid.searchHint':
    'Zeigt die Zeilen, in denen eine Zelle diesen Text enthält; nimm sie gemeinsam auf oder lass sie weg.',
  'grid.count':
    '{included, plural, one {# Zeile} other {# Zeilen}} von {total, number} {included, plural, one {wird} other {werden}} gesendet',
  'grid.matching':
    '{count, plural, =0 {Keine Zeile enthält „{query}“.} one {# Zeile enthält „{query}“.} other {# Zeilen enthalten „{query}“.}}',
  'grid.preparing': 'Die Zeilen werden für die Suche vorbereitet…',
  'grid.includeShown': '{count, plural, one {Diese Zeile} other {Diese # Zeilen}} aufnehmen',
  'grid.excludeShown': '{count, plural, one {Diese Zeile} other {Diese # Zeilen}} weglassen',
  'grid.send': 'Senden',
  'grid.row': 'Zeile',
  'grid.include': 'An Zeile {row} senden',
  'grid.outsideFollowUp': 'Zeile {row} gehört nicht zum Nachfassen',
  'grid.table': 'Empfängerzeilen',

  'preview.title': 'Vorschau',
  'preview.position': 'Empfänger {index, number} von {total, number}',
  'preview.checking': 'Empfänger werden geprüft: {done, number} von {total, number}…',
  'preview.to': 'An',
  'preview.subject': 'Betreff',
  'preview.frameTitle': 'Vorschau der Nachricht an {address}',
  'preview.footerNote': 'Die Outmerge-Fußzeile wird hinzugefügt, weil du die kostenlose Version verwendest.',
  'preview.excluded': 'Diese Zeile wird nicht gesendet: {reason}',

  'problems.title': 'Prüfungen vor dem Senden',
  'problems.none': 'Keine Probleme gefunden.',
  'problems.part.subject': 'Betreff',
  'problems.part.body': 'Text',
  'problems.unknownField':
    'Der {part} verwendet {tag} in „{excerpt}“, aber keine Spalte heißt „{field}“. Benenne das Seriendruckfeld oder die Spalte um.',
  'problems.unsupportedTag':
    'Der {part} enthält {tag} in „{excerpt}“, das ist kein Seriendruckfeld. Verwende {{Spalte}}, {{Spalte | Ersatztext}} oder {{#if Spalte}}…{{/if}}.',
  'problems.syntax':
    'Eine Bedingung im {part} konnte nicht gelesen werden. Setze jedes {{#if}}…{{/if}} entweder ganz in die Adresse eines Links oder ganz außerhalb.',
  'problems.didYouMean': 'Meintest du {suggestion}?',
  'problems.unclosedCondition':
    'Zur Bedingung {tag} im {part} („{excerpt}“) fehlt {{/if}}. Füge {{/if}} dort ein, wo ihr Text endet.',
  'problems.unexpectedElse':
    'Das {{else}} im {part} („{excerpt}“) gehört zu keiner Bedingung oder ist schon das zweite darin. Entferne es oder setze {{#if Spalte}} davor.',
  'problems.unexpectedEnd':
    'Vor dem {{/if}} im {part} („{excerpt}“) steht kein {{#if}}. Entferne es oder setze {{#if Spalte}} dort ein, wo sein Text beginnt.',
  'problems.invalidAddress':
    'Zeile {row}: „{address}“ ist keine gültige E-Mail-Adresse. Diese Zeile wird übersprungen.',
  'problems.missingAddress': 'Zeile {row} hat keine E-Mail-Adresse. Diese Zeile wird übersprungen.',
  'problems.duplicate': 'Zeile {row}: {address} steht bereits in Zeile {first}. Diese Zeile wird übersprungen.',
  'problems.emptyField':
    'Zeile {row}: {fields} ist leer. Füge einen Ersatzwert wie {{{example} | Kunde}} hinzu oder fülle die Zelle aus.',
  'problems.moreRows': '…und {count, number} weitere.',

  'send.title': 'Senden',
  'send.button': '{count, plural, one {# Nachricht} other {# Nachrichten}} senden',
  'send.buttonOne': '1 Nachricht senden',
  'send.signInFirst': 'Melde dich an, um zu senden.',
  'send.fixProblems': 'Behebe vor dem Senden die Probleme in der Nachricht.',
  'send.nothingToSend': 'Es gibt keinen Empfänger.',
  'send.checking': 'Die Empfänger werden gerade geprüft. Danach kann der Versand beginnen.',
  'send.starting': 'Kampagne wird vorbereitet…',
  'send.storageFailed':
    'Die Kampagne konnte nicht in diesem Browser gespeichert werden ({message}). Gib Speicherplatz frei oder erlaube dieser Website, Daten zu speichern, und sende dann erneut.',
  'send.sending': 'Wird gesendet…',
  'send.progress':
    '{sent, plural, other {# gesendet}}, {failed, number} fehlgeschlagen, {remaining, number} ausstehend',
  'send.timeLeft': 'Noch etwa {minutes, number} Min.',
  'send.estimate':
    'Das Senden dauert etwa {duration} bei {rate, plural, one {# Nachricht} other {# Nachrichten}} pro Minute.',
  'send.estimateDays':
    'Mit dem 24-Stunden-Limit des Postfachs dauert die Kampagne {days, plural, one {# Tag} other {# Tage}} und sollte gegen {time} fertig sein.',
  'duration.underMinute': 'weniger als eine Minute',
  'duration.minutes': '{count, plural, one {# Minute} other {# Minuten}}',
  'duration.hours': '{count, plural, one {# Stunde} other {# Stunden}}',
  'send.throttled':
    'Microsoft 365 hat Outmerge gebeten, langsamer zu senden. Das Senden wird in {seconds, number} s fortgesetzt.',
  'send.done': 'Fertig: {sent, plural, other {# gesendet}}, {failed, number} fehlgeschlagen.',
  'send.cancelled': 'Angehalten: {sent, plural, other {# gesendet}}, {remaining, number} nicht gesendet.',
  'send.cancel': 'Senden anhalten',
  'send.failedRow': 'Zeile {row} ({address}): {reason}',
  'send.unknownOutcome':
    'Microsoft 365 hat diese Nachricht nicht bestätigt. Sieh unter „Gesendete Elemente“ nach, bevor du sie erneut sendest.',
  'send.rejected': 'Microsoft 365 hat die Nachricht abgelehnt: {message}',
  'send.authFailed': 'Deine Anmeldung ist abgelaufen. Melde dich erneut an und sende die restlichen Zeilen.',
  'send.sendAsDenied':
    'Du darfst nicht aus diesem Postfach senden. Bitte deinen Administrator um die Berechtigung „Senden als“ oder „Senden im Auftrag von“.',
  'send.blocked.send_as_denied':
    'Das Senden wurde gestoppt, bevor eine Nachricht im Namen von {mailbox} rausging: Laut Microsoft 365 darf {user} nicht aus diesem Postfach senden. Bitte deinen IT-Administrator, {user} die Berechtigung „Senden als“ oder „Senden im Auftrag von“ für {mailbox} zu erteilen (Exchange Admin Center › Empfänger › Postfächer › {mailbox} › Delegierung), und setze dann fort. Keine andere Zeile wurde angefasst.',
  'send.blocked.access_denied':
    'Das Senden wurde gestoppt: Microsoft 365 hat Outmerge den Zugriff auf dein Postfach verweigert. Bitte deinen IT-Administrator, die Administratorzustimmung für die Microsoft-Graph-Berechtigungen von Outmerge zu erteilen (siehe IT-Hilfe im Portal), und setze dann fort.',
  'send.blocked.sender_restricted':
    'Das Senden wurde gestoppt: Exchange hat Nachrichten mit „5.1.8 Access denied, bad outbound sender“ zurückgeschickt, dein Postfach ist also für das Senden gesperrt. Bitte deinen IT-Administrator, dich im Microsoft Defender-Portal freizugeben (E-Mail & Zusammenarbeit › Überprüfen › Eingeschränkte Entitäten), und setze dann fort. Die zurückgeschickten Zeilen sind im Bericht markiert.',
  'send.blocked.files_missing':
    'Senden pausiert: Der Outmerge-Bereich, der weitermachen sollte, gehört zu einer Nachricht ohne {files}. Die Dateien einer Kampagne stammen aus der Nachricht, aus der sie gestartet wurde: In Outmerge in dieser Nachricht geht sie von selbst weiter (öffne die Nachricht, falls sie geschlossen ist), oder hänge die Dateien an diese Nachricht an und setze fort. Keine Zeile wurde angefasst.',

  'portal.title': 'Outmerge-Lizenzportal',
  'portal.intro': 'Kaufe Lizenzen für deine Organisation und weise sie den Personen zu, die Serien-E-Mails versenden.',
  'portal.signInPrompt': 'Melde dich mit dem Microsoft 365-Konto an, dem das Abonnement gehört oder gehören soll.',
  'portal.subscriptions': 'Deine Abonnements',
  'portal.noSubscriptions':
    'Du besitzt noch kein Abonnement. Kaufe Lizenzen, um die Outmerge-Fußzeile für dein Team zu entfernen.',
  'portal.buy': 'Lizenzen kaufen',
  'portal.plan': 'Tarif',
  'portal.seats': 'Lizenzen',
  'portal.status': 'Status',
  'portal.renews': 'Verlängerung am',
  'portal.owner': 'Inhaber',
  'portal.assignedOf': '{assigned, number} von {quantity, number} zugewiesen',
  'portal.manage': 'Verwalten',
  'portal.back': 'Alle Abonnements',
  'portal.itHelp': 'IT-Hilfe',
  'portal.subscriptionTitle': 'Abonnement: {plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}}',

  'plan.monthly': 'Monatlich',
  'plan.annual': 'Jährlich',
  'plan.perSeatMonth': '{price} pro Lizenz und Monat',
  'plan.perSeatYear': '{price} pro Lizenz und Jahr',

  'status.trial': 'Testphase',
  'status.active': 'Aktiv',
  'status.past_due': 'Zahlung überfällig',
  'status.expired': 'Abgelaufen',
  'status.cancelled': 'Gekündigt',

  'checkout.title': 'Outmerge-Lizenzen kaufen',
  'checkout.plan': 'Tarif',
  'checkout.quantity': 'Anzahl der Lizenzen',
  'checkout.card': 'Kartennummer',
  'checkout.cardHint':
    'Simulierte Zahlungen: 4242 4242 4242 4242 wird akzeptiert, 4000 0000 0000 0002 wird abgelehnt, 4000 0027 6000 3184 verlangt eine Bestätigung bei deiner Bank.',
  'checkout.total': 'Heute fällig: {amount}',
  'checkout.pay': '{amount} bezahlen',
  'checkout.paying': 'Zahlung wird verarbeitet…',
  'checkout.owner': 'Dein Microsoft 365-Konto {email} wird Inhaber dieses Abonnements.',
  'checkout.quantityInvalid': 'Gib eine Anzahl von 1 bis {max, number} Lizenzen ein.',
  'checkout.cardRequired': 'Gib eine Kartennummer ein.',
  'checkout.step.cart': 'Warenkorb',
  'checkout.step.review': 'Prüfen',
  'checkout.step.payment': 'Zahlung',
  'checkout.addLine': '{plan} hinzufügen',
  'checkout.removeLine': '{plan} entfernen',
  'checkout.lineAmount': '{amount} pro {interval}',
  'checkout.interval.month': 'Monat',
  'checkout.interval.year': 'Jahr',
  'checkout.volume': 'Mengenpreis: ab der {from}. Lizenz kostet jede Lizenz {price}.',
  'checkout.emptyCart': 'Leg einen Tarif in deinen Warenkorb.',
  'checkout.toReview': 'Weiter zur Prüfung',
  'checkout.reviewTitle': 'Prüf deine Bestellung',
  'checkout.reviewLine': '{plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}}',
  'checkout.subtotal': 'Zwischensumme',
  'checkout.tax': 'MwSt. ({rate})',
  'checkout.confirmOrder': 'Bestellung bestätigen',
  'checkout.back': 'Zurück',
  'checkout.renewalNote':
    'Verlängert sich am Ende jedes Zeitraums automatisch mit derselben Karte; die Zahl der Lizenzen kannst du jederzeit ändern.',
  'checkout.authTitle': 'Bestätige die Zahlung bei deiner Bank',
  'checkout.authText': 'Deine Bank bittet dich, die Zahlung von {amount} zu bestätigen.',
  'checkout.authSimulated': 'Simulierte Bank: Wähl aus, was deine Bank antwortet.',
  'checkout.authApprove': 'Zahlung bestätigen',
  'checkout.authDecline': 'Ablehnen',
  'quantity.open': 'Lizenzen ändern',
  'quantity.title': 'Zahl der Lizenzen ändern',
  'quantity.new': 'Neue Zahl der Lizenzen',
  'quantity.unused': 'Nicht genutzte Zeit für {quantity, plural, one {# Lizenz} other {# Lizenzen}}',
  'quantity.remaining': 'Restzeit für {quantity, plural, one {# Lizenz} other {# Lizenzen}} bis {date}',
  'quantity.creditApplied': 'Verrechnetes Guthaben',
  'quantity.dueNow': 'Jetzt belastet: {amount}',
  'quantity.recurring': 'Danach {amount} pro {interval} zzgl. MwSt.',
  'quantity.decrease': 'Weniger Lizenzen gelten ab der Verlängerung am {date}; jetzt wird nichts belastet.',
  'quantity.same': 'Das ist die aktuelle Zahl der Lizenzen.',
  'quantity.belowAssigned': 'Zugewiesene Lizenzen: {assigned, number}. Um darunter zu gehen, entferne zuerst Lizenzen.',
  'quantity.confirm': 'Bestätigen',
  'quantity.done': 'Erledigt: {quantity, plural, one {# Lizenz} other {# Lizenzen}}.',
  'quantity.scheduled': '{quantity, plural, one {# Lizenz} other {# Lizenzen}} ab {date}',
  'tab.billing': 'Abrechnung',
  'billing.invoices': 'Rechnungen',
  'billing.noInvoices': 'Noch keine Rechnungen.',
  'billing.number': 'Nummer',
  'billing.date': 'Datum',
  'billing.kind': 'Für',
  'billing.amount': 'Betrag',
  'billing.status': 'Status',
  'billing.view': 'Anzeigen und drucken',
  'billing.kind.purchase': 'Kauf',
  'billing.kind.quantity_change': 'Lizenzänderung',
  'billing.kind.renewal': 'Verlängerung',
  'billing.kind.consolidation': 'Zusammenführung',
  'billing.paymentMethod': 'Zahlungsmethode',
  'billing.card': '{brand} mit Endziffern {last4}',
  'billing.noCard': 'Keine Zahlungsmethode gespeichert.',
  'billing.replace': 'Karte ersetzen',
  'billing.ended.expired':
    'Dieses Abo ist abgelaufen: Bezahl die offene Rechnung, um es wieder zu aktivieren, und ändere danach bei Bedarf Karte oder Rechnungsangaben.',
  'billing.ended.cancelled':
    'Dieses Abo ist gekündigt: Karte und Rechnungsangaben lassen sich nicht mehr ändern. Rechnungen und Gutschriften bleiben hier.',
  'billing.saveCard': 'Karte speichern',
  'billing.cardSaved': 'Karte gespeichert.',
  'billing.nextRenewal': 'Nächste Verlängerung am {date}: {amount} zzgl. MwSt.',
  'billing.credit': 'Guthaben für die nächste Rechnung: {amount}',
  'billing.pastDue':
    'Die Zahlung der Verlängerung ist fehlgeschlagen. Bezahl die Rechnung {number} ({amount}) vor dem {date}, damit deine Lizenzen gültig bleiben.',
  'billing.expired':
    'Das Abo ist abgelaufen, weil die Rechnung {number} ({amount}) nicht bezahlt wurde. Bezahl sie, um deine Lizenzen wieder zu aktivieren.',
  'billing.payWith': 'Karte für die Zahlung (leer: die gespeicherte Karte)',
  'billing.pay': '{amount} bezahlen',
  'billing.paid': 'Danke: Die Rechnung ist bezahlt.',
  'billingProfile.title': 'Rechnungsangaben',
  'billingProfile.intro':
    'Was auf den Rechnungen steht. Land und USt-IdNr. bestimmen die Steuer der nächsten Rechnungen; bereits ausgestellte Rechnungen bleiben, wie sie sind.',
  'billingProfile.none':
    'Noch keine Rechnungsangaben: Die Rechnungen nennen die Organisation und die Adresse des Inhabers.',
  'billingProfile.company': 'Firmenname',
  'billingProfile.address': 'Adresse (Straße, Postleitzahl, Ort)',
  'billingProfile.country': 'Land',
  'billingProfile.vatId': 'USt-IdNr.',
  'billingProfile.vatIdHint': 'Zum Beispiel {example}. Lass das Feld leer, wenn du als Privatperson kaufst.',
  'billingProfile.vatIdNotUsed': 'Nicht nötig: Nur USt-IdNr. aus der EU und der Schweiz werden berücksichtigt.',
  'billingProfile.email': 'E-Mail-Adresse für Rechnungen',
  'billingProfile.language': 'Sprache der Rechnungen',
  'billingProfile.save': 'Rechnungsangaben speichern',
  'billingProfile.saved': 'Gespeichert. Die nächsten Rechnungen verwenden diese Angaben.',
  'billingProfile.companyRequired': 'Gib den Firmennamen ein, der auf den Rechnungen stehen soll.',
  'billingProfile.addressRequired': 'Gib die Adresse ein, die auf den Rechnungen stehen soll.',
  'billingProfile.vatIdInvalid':
    'Das ist keine USt-IdNr. für {country}. Prüfe Land und Nummer (zum Beispiel {example}) oder lass das Feld leer, wenn du als Privatperson kaufst.',
  'billingProfile.emailInvalid':
    'Gib die E-Mail-Adresse ein, an die Rechnungen gehen sollen, zum Beispiel billing@contoso.com.',
  'billingProfile.tax.vat': 'Die Rechnungen enthalten {rate} MwSt.',
  'billingProfile.tax.reverseCharge':
    'Keine MwSt. auf den Rechnungen: Als Unternehmen mit USt-IdNr. führst du sie selbst ab (Reverse Charge).',
  'billingProfile.tax.outsideScope':
    'Keine MwSt. auf den Rechnungen: außerhalb des Anwendungsbereichs der EU-Mehrwertsteuer.',
  'invoice.seller': 'Verkäufer',
  'invoice.vatId': 'USt-IdNr.: {vatId}',
  'invoice.taxNote.eu_reverse_charge':
    'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, Art. 196 der Richtlinie 2006/112/EG).',
  'invoice.taxNote.ch_reverse_charge':
    'Schweizer MWST schuldet der Kunde (Bezugsteuer); keine EU-Umsatzsteuer berechnet.',
  'invoice.taxNote.outside_scope': 'Nicht steuerbar in der EU: Leistungsort außerhalb der EU.',
  'invoice.title': 'Rechnung {number}',
  'invoice.issued': 'Ausgestellt am {date}',
  'invoice.status.paid': 'Bezahlt',
  'invoice.status.open': 'Offen',
  'invoice.billTo': 'Rechnungsempfänger',
  'invoice.period': 'Zeitraum: {from} bis {to}',
  'invoice.description': 'Beschreibung',
  'invoice.quantity': 'Menge',
  'invoice.unitPrice': 'Einzelpreis',
  'invoice.amount': 'Betrag',
  'invoice.subtotal': 'Zwischensumme',
  'invoice.tax': 'MwSt. ({rate})',
  'invoice.total': 'Gesamt',
  'invoice.paidOn': 'Bezahlt am {date}.',
  'invoice.line.seats': 'Outmerge {plan}, Lizenzen {from, number}–{to, number}',
  'invoice.line.unused':
    'Nicht genutzte Zeit für {quantity, plural, one {# Lizenz} other {# Lizenzen}}, Outmerge {plan}',
  'invoice.line.unusedMerged':
    'Nicht genutzte Zeit für {quantity, plural, one {# Lizenz} other {# Lizenzen}}, Outmerge {plan} (zusammengeführtes Abonnement {subscription})',
  'invoice.line.remaining':
    'Verbleibende Zeit für {quantity, plural, one {# Lizenz} other {# Lizenzen}}, Outmerge {plan}',
  'invoice.line.tierSeats': '{line}, Lizenzen {from, number}–{to, number}',
  'invoice.line.proratedDays': '{line}, für {remaining, number} von {length, plural, one {# Tag} other {# Tagen}}',
  'invoice.line.prorated': '{line}, für {remaining} von {length, plural, one {# Tag} other {# Tagen}}',
  'invoice.line.proratedSpan': '{line}, für {remaining}; Zeitraum: {length}',
  'invoice.line.prepaid': 'Per Produktschlüssel vorausbezahlt ({keys})',
  'invoice.line.prepaidSeats': '{seats, plural, one {# Lizenz} other {# Lizenzen}}',
  'invoice.line.productKey.month':
    'Produktschlüssel: Outmerge {plan}, {seats, plural, one {# Lizenz} other {# Lizenzen}} für {periods, plural, one {# Monat} other {# Monate}}',
  'invoice.line.productKey.year':
    'Produktschlüssel: Outmerge {plan}, {seats, plural, one {# Lizenz} other {# Lizenzen}} für {periods, plural, one {# Jahr} other {# Jahre}}',
  'invoice.line.mergedCredit': 'Gutschrift aus zusammengeführten Abonnements',
  'billing.pdf': 'PDF',
  'billing.pdfLabel': 'PDF der Rechnung {number}',
  'billing.creditNotes': 'Gutschriften',
  'billing.creditNotesIntro':
    'Eine Gutschrift erstattet eine Rechnung ganz oder teilweise, als Rückzahlung oder als Guthaben. Sie hat eine eigene Nummer und nennt die Rechnung, die sie korrigiert.',
  'billing.creditNoteFor': 'Korrigiert {number}',
  'billing.creditNoteRefund': 'Auf die Karte erstattet',
  'billing.creditNoteCredit': 'Guthaben für die nächsten Rechnungen',
  'billing.creditNoteView': 'Anzeigen und drucken: Gutschrift {number}',
  'billing.creditNotePdf': 'PDF der Gutschrift {number}',
  'creditNote.title': 'Gutschrift {number}',
  'creditNote.issued': 'Ausgestellt am {date}',
  'creditNote.corrects': 'Korrigiert die Rechnung {number}',
  'creditNote.total': 'Gutgeschrieben insgesamt',
  'creditNote.refundedOn': 'Erstattet am {date}.',
  'creditNote.line.refund': 'Erstattung der Rechnung {number}',
  'creditNote.line.mergeCredit':
    'Bezahlte, ungenutzte Zeit der Rechnung {number}, gutgeschrieben bei der Zusammenführung in das Abonnement {subscription}',
  'journal.action.invoice.refunded': 'Rechnung erstattet',
  'invoice.print': 'Um eine Kopie zu behalten, druck diese Seite oder speichere sie im Browser als PDF.',
  'apiError.PAYMENT_METHOD_MISSING':
    'Es ist keine nutzbare Zahlungsmethode gespeichert. Füg unter Abrechnung eine Karte hinzu.',
  'apiError.QUANTITY_BELOW_ASSIGNED': 'Es sind mehr Lizenzen zugewiesen. Entferne zuerst Lizenzen.',
  'apiError.QUANTITY_PREVIEW_EXPIRED': 'Die Vorschau ist zu alt. Prüf den neuen Betrag und bestätige noch einmal.',
  'apiError.QUANTITY_PREVIEW_STALE':
    'Das Abo hat sich seit der Vorschau geändert. Prüf den neuen Betrag und bestätige noch einmal.',
  'apiError.SUBSCRIPTION_NOT_ACTIVE': 'Dieses Abo ist nicht aktiv. Bezahl zuerst die offene Rechnung.',
  'apiError.SUBSCRIPTION_ENDED':
    'Dieses Abo ist gekündigt und lässt sich nicht mehr ändern. Kauf ein neues Abo, um wieder Lizenzen zuzuweisen.',
  'apiError.BILLING_BUSY': 'Für dieses Abo läuft gerade eine andere Zahlung. Versuch es gleich noch einmal.',
  'apiError.INVOICE_NOT_OPEN': 'Diese Rechnung ist bereits bezahlt.',

  'seats.title': 'Lizenzen',
  'seats.summary':
    '{assigned, number} von {quantity, plural, one {# Lizenz} other {# Lizenzen}} zugewiesen, {free, number} frei',
  'seats.assignLabel': 'Zuzuweisende E-Mail-Adressen',
  'seats.ended.expired':
    'Dieses Abo ist abgelaufen: Bezahl die offene Rechnung unter Abrechnung, um wieder Lizenzen zuzuweisen.',
  'seats.ended.cancelled':
    'Dieses Abo ist gekündigt: Es können keine Lizenzen mehr zugewiesen werden. Kauf ein neues Abo, um wieder Lizenzen zuzuweisen.',
  'seats.assignHint':
    'Eine oder mehrere Adressen, getrennt durch Kommas, Leerzeichen oder Zeilenumbrüche. Jede Person erhält eine Willkommens-E-Mail.',
  'seats.assign': 'Zuweisen',
  'seats.assigning': 'Wird zugewiesen…',
  'seats.user': 'Benutzer',
  'seats.status': 'Status',
  'seats.lastCheckIn': 'Zuletzt geprüft',
  'seats.never': 'Nie',
  'seats.remove': 'Entfernen',
  'seats.removeLabel': 'Lizenz von {email} entfernen',
  'seats.removed': 'Die Lizenz von {email} wurde entfernt.',
  'seats.removeTitle': 'Lizenz von {email} entfernen?',
  'seats.removeExplain':
    'Ab der nächsten Lizenzprüfung tragen die Nachrichten, die {email} mit Outmerge sendet, wieder die Fußzeile. Die Lizenz wird für jemand anderen frei; um sie zurückzugeben, weise sie erneut zu.',
  'seats.removeConfirm': 'Lizenz entfernen',
  'seats.empty': 'Noch keine Lizenzen zugewiesen. Weise oben die erste zu.',
  'seats.status.pending': 'Ausstehend (noch nicht angemeldet)',
  'seats.status.active': 'Aktiv',
  'seats.status.expired': 'Abgelaufen',
  'seats.result.assigned': 'zugewiesen; Willkommens-E-Mail gesendet',
  'seats.result.already_assigned': 'hat bereits eine Lizenz',
  'seats.result.invalid': 'keine gültige E-Mail-Adresse',
  'seats.result.domain_not_approved':
    'nicht in einer Domäne, die deine Organisation nachgewiesen hat: weise sie zuerst unter Domänen nach',
  'seats.result.no_seat_left': 'keine Lizenz mehr frei: kaufe weitere oder entferne eine',
  'seats.result.assigned_no_email':
    'vergeben; keine Willkommens-E-Mail, da deine Organisation das E-Mail-Limit für heute erreicht hat: sag der Person selbst Bescheid',
  'seats.resultsTitle': 'Ergebnis pro Adresse',

  'ithelp.title': 'IT-Hilfe',
  'ithelp.installTitle': 'Installieren heißt nicht lizenzieren',
  'ithelp.install':
    'Die Bereitstellung des Add-Ins (Microsoft 365 Admin Center > Einstellungen > Integrierte Apps > Benutzerdefinierte Apps hochladen) macht Outmerge in Outlook für die ausgewählten Benutzer verfügbar. Nur eine in diesem Portal zugewiesene Lizenz entfernt die Fußzeile.',
  'ithelp.manifest': 'XML-Manifest für diese Bereitstellung herunterladen',
  'ithelp.troubleshootTitle': 'Problembehandlung',
  'ithelp.troubleshoot':
    'Benutzer sehen die Fußzeile, obwohl sie eine Lizenz haben: sie müssen sich im Outmerge-Aufgabenbereich mit der Adresse anmelden, der die Lizenz zugewiesen wurde. Es kann bis zu 24 Stunden dauern, bis ein bereitgestelltes Add-In in Outlook erscheint.',
  // Portal and pane administration (A1, A4, A7, A8, A10)
  'seats.picture':
    '{assigned, number} von {quantity, plural, one {# Lizenz} other {# Lizenzen}} zugewiesen, {free, number} frei',
  'seats.legendAssigned': '{count, plural, other {# zugewiesen}}',
  'seats.legendFree': '{count, plural, other {# frei}}',
  'seats.legendBought': '{count, plural, other {# gekauft}}',
  'seats.bulkStopped':
    'Die Zuweisung wurde nach {done, number} von {total, plural, one {# Adresse} other {# Adressen}} abgebrochen: {message} Die Ergebnisse unten betreffen die bisher gesendeten Adressen; weise den Rest erneut zu.',
  'seats.resultsMore':
    'Die ersten {shown, number} von {total, plural, one {# Ergebnis} other {# Ergebnissen}} sind aufgeführt, Probleme zuerst; die Zahlen oben umfassen alle.',
  'seats.matchCount': '{total, plural, one {# Lizenz passt} other {# Lizenzen passen}} zu „{search}“',
  'seats.totalCount': '{total, plural, one {# Lizenz} other {# Lizenzen}} zugewiesen',
  'seats.emptyReadOnly': 'Noch keine Lizenzen zugewiesen.',
  'seats.scrollRegion': 'Lizenzliste, scrolle für weitere Einträge',
  'dashboard.emptyTitle': 'Noch kein Abonnement',
  'dashboard.emptyItHelp': 'Du stellst Outmerge für deine Organisation bereit? Lies die IT-Hilfe.',
  'dashboard.cardTitle': '{plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}}',
  'dashboard.delegates': 'Delegierte Administratoren',
  'dashboard.manageSeatsLabel': 'Lizenzen verwalten: Abonnement {plan} von {owner}',
  'dashboard.manageLabel': 'Verwalten: Abonnement {plan} von {owner}',
  'dashboard.manageSeats': 'Lizenzen verwalten',
  'delegates.makeOwnerLabel': 'Zum Inhaber machen: {email} übernimmt dieses Abonnement',
  'delegates.ownershipTitle': 'Inhaberschaft übergeben',
  'delegates.ownershipExplain':
    'Die Inhaberschaft geht an einen delegierten Administrator: Wähle oben neben der Person „Zum Inhaber machen“ oder gib hier ihre E-Mail-Adresse ein. Wer neu ist, muss zuerst eine Einladung als delegierter Administrator annehmen.',
  'delegates.ownershipEmail': 'E-Mail-Adresse des neuen Inhabers',
  'apiError.DELEGATE_NOT_FOUND':
    'Diese Person ist kein delegierter Administrator dieses Abonnements. Lade sie zuerst ein; sobald sie angenommen hat, kannst du sie zum Inhaber machen.',
  'journal.rangeInvalid': 'Das Enddatum liegt vor dem Startdatum.',
  'journal.clearFilters': 'Filter zurücksetzen',
  'journal.export': 'CSV exportieren (mit diesen Filtern)',
  'journal.newestShown':
    '{count, plural, one {Der neueste # Eintrag wird} other {Die neuesten # Einträge werden}} angezeigt. Grenze die Filter ein oder exportiere die CSV, um alle zu sehen.',
  'journal.none': 'Bisher wurde nichts aufgezeichnet.',
  'ithelp.licensing':
    'Lizenziert wird hier: Kaufe Lizenzen und weise sie dann per E-Mail-Adresse zu. Wer das Add-In ohne Lizenz hat, kann trotzdem Serienmails senden, mit der Outmerge-Fußzeile.',
  'ithelp.deployTitle': 'Outmerge in deiner Organisation bereitstellen',
  'ithelp.manifestHint': '(es enthält die Adressen dieser Installation)',
  'ithelp.deployUpload':
    'Öffne im Microsoft 365 Admin Center Einstellungen > Integrierte Apps > Benutzerdefinierte Apps hochladen, wähle Office-Add-In und lade das Manifest hoch.',
  'ithelp.deployAssign':
    'Weise es Benutzern oder Gruppen zu. Bis es in Outlook erscheint, können bis zu 24 Stunden vergehen.',
  'ithelp.consentTitle': 'Administratorgenehmigung („Administratorgenehmigung erforderlich“)',
  'ithelp.consentExplain':
    'Wenn deine Organisation Benutzern nicht erlaubt, Apps selbst zuzustimmen, sehen sie bei der Anmeldung bei Outmerge „Administratorgenehmigung erforderlich“. Ein globaler Administrator erteilt die Zustimmung einmal für alle über den Link unten.',
  'ithelp.consentSignIn':
    'Melde dich mit deinem Microsoft 365-Konto an, um den Link für deine Organisation zu erhalten.',
  'ithelp.consentLink': 'Administratorzustimmung für deine Organisation erteilen',
  'ithelp.consentTenant': 'Für den Mandanten {tenant}. Öffne den Link als globaler Administrator.',
  'ithelp.problemFooter': 'Die Fußzeile ist noch da:',
  'ithelp.problemInvitation': 'Ein Einladungslink funktioniert nicht:',
  'ithelp.fixInvitation':
    'Öffne ihn in einem privaten Fenster und melde dich mit der Adresse an, an die er geschickt wurde, oder bitte den Inhaber, ihn erneut zu senden (jedes erneute Senden ersetzt den vorherigen Link; Links laufen nach einiger Zeit ab).',
  'ithelp.problemApproval': 'Benutzer sehen „Administratorgenehmigung erforderlich“:',
  'ithelp.fixApproval': 'Ein globaler Administrator öffnet einmal den Zustimmungslink oben.',
  'ithelp.problemMissing': 'Outmerge erscheint nicht in Outlook:',
  'ithelp.fixMissing':
    'Prüfe, ob das Add-In dem Benutzer unter Integrierte Apps zugewiesen ist, warte bis zu 24 Stunden und starte Outlook dann neu.',
  'paneAdmin.unavailable': 'Deine Lizenzdetails konnten nicht geladen werden: {message}',
  'paneAdmin.region': 'Lizenzhilfe und Verwaltung',
  'paneAdmin.buy': 'Lizenzen kaufen',
  'paneAdmin.title': 'Verwaltung ({count, number})',
  'paneAdmin.itHelp': 'Hilfe für die IT: Bereitstellung und Fehlerbehebung',
  'paneAdmin.noSeatAdmin':
    'Du hast selbst keine Lizenz: Weise unten deiner eigenen Adresse eine zu, um ohne Fußzeile zu senden.',
  'paneAdmin.noSeat':
    'Du hast keine Lizenz. Bitte deinen Microsoft 365-Administrator um eine oder kaufe Lizenzen für dein Team.',
  'paneAdmin.seatYours': 'Deine Lizenz gehört zu einem Abonnement, das du verwaltest.',
  'paneAdmin.seatActive':
    'Deine Lizenz stammt von {contact}: Wende dich an diese Person, wenn du Hilfe zu deiner Lizenz brauchst.',
  'paneAdmin.seatSuspended': 'Deine Lizenz ist gesperrt. Bitte {contact}, sie zu reaktivieren.',
  'paneAdmin.seatExpired': 'Das Abonnement deiner Organisation ist abgelaufen. Bitte {contact}, es zu verlängern.',
  'paneAdmin.seatRemoved': 'Deine Lizenz wurde entfernt. Falls das ein Versehen ist, bitte {contact} um eine neue.',
  'paneAdmin.foreignSeat':
    '{organisation} (Kontakt: {contact}) hat dir ebenfalls eine Lizenz vergeben. Sobald deine eigene Organisation dir eine gibt, sieht sie deine Anmeldungen nicht mehr; du kannst sie verlassen.',
  'paneAdmin.leaveSeat': 'Lizenz von {organisation} verlassen',
  'paneAdmin.leftSeat': 'Du hast die Lizenz von {organisation} verlassen.',
  'mySeats.title': 'Deine Lizenzen',
  'mySeats.own': 'Deine Lizenz: {status}. Das Abonnement gehört {contact}.',
  'mySeats.foreign':
    '{organisation} (Kontakt: {contact}) hat dir ebenfalls eine Lizenz vergeben ({status}). Es ist nicht deine Organisation: Du kannst sie verlassen.',
  'mySeats.removed': 'Entfernt',
  'mySeats.leave': 'Verlassen…',
  'mySeats.leaveTitle': 'Lizenz von {organisation} verlassen?',
  'mySeats.leaveExplain':
    '{organisation} sieht dann nicht mehr, wann du Outmerge nutzt, und ihr Abonnement lizenziert dich nicht mehr. Das lässt sich nicht rückgängig machen: Nur {contact} kann dir wieder eine Lizenz von {organisation} vergeben.',
  'mySeats.leaveConfirm': 'Lizenz verlassen',
  'paneAdmin.subscription': '{plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}}',
  'paneAdmin.assignLabel': 'Lizenz zuweisen an',
  'paneAdmin.assigned': '{email} hat jetzt eine Lizenz; eine Willkommens-E-Mail ist unterwegs.',
  'paneAdmin.noSeats': 'Noch keine Lizenzen zugewiesen.',
  'paneAdmin.status.pending': 'Ausstehend',
  'paneAdmin.status.active': 'Aktiv',
  'paneAdmin.status.suspended': 'Gesperrt',
  'paneAdmin.status.expired': 'Abgelaufen',
  'paneAdmin.more': '{shown, number} von {total, plural, other {#}} angezeigt: Suche oder öffne das Portal für alle.',
  'paneAdmin.openPortal': 'Im Lizenzportal öffnen',

  'apiError.PAYMENT_DECLINED': 'Die Karte wurde abgelehnt. Verwende eine andere Karte oder wende dich an deine Bank.',
  'apiError.PAYMENT_CARD_INVALID':
    'Diese Karte kann nicht verwendet werden. Verwende bei simulierten Zahlungen eine Testkarte wie 4242 4242 4242 4242.',
  'apiError.VAT_ID_INVALID':
    'Das ist keine USt-IdNr. des gewählten Landes. Prüfe Land und Nummer oder lass das Feld leer, wenn du als Privatperson kaufst.',
  'apiError.SUBSCRIPTION_NOT_FOUND': 'Dieses Abonnement gibt es nicht, oder du darfst es nicht sehen.',
  'apiError.FORBIDDEN': 'Dir fehlt die Berechtigung für diese Aktion. Frag den Abonnementinhaber.',
  'apiError.TOKEN_EXPIRED': 'Deine Anmeldung ist abgelaufen. Melde dich ab und wieder an.',
  'apiError.RATE_LIMITED': 'Zu viele Anfragen. Warte eine Minute und versuche es erneut.',
  'apiError.ASSIGNMENT_NOT_FOUND': 'Diese Person hat in diesem Abonnement keine Lizenz.',
  'apiError.INTERNAL':
    'Bei uns ist etwas schiefgelaufen. Versuche es erneut; wenn es weiter passiert, wende dich an den Support.',
  'errors.network': 'Outmerge konnte den Server nicht erreichen. Prüfe deine Verbindung und versuche es erneut.',
  'errors.generic': 'Etwas ist schiefgelaufen: {message}',

  'mailbox.title': 'Postfach (Graph-Ersatz)',
  'mailbox.explain':
    'Die Nachrichten, die der Entwicklungsersatz für Microsoft Graph angenommen hat, neueste zuerst. In der Produktion laufen sie über Microsoft 365.',
  'mailbox.empty': 'Es wurde noch nichts gesendet.',
  'mailbox.from': 'Von',
  'mailbox.to': 'An',
  'mailbox.cc': 'Cc',
  'mailbox.bcc': 'Bcc',
  'mailbox.count': '{count, plural, one {# Nachricht} other {# Nachrichten}}',
  'outbox.title': 'Postausgang',
  'outbox.explain':
    'E-Mails, die Outmerge selbst gesendet hat (Willkommens-E-Mails und Einladungen). Sie liegen hier, weil kein SMTP-Server konfiguriert ist.',
  'outbox.empty': 'Noch keine E-Mails.',

  'home.intro':
    'Alles läuft auf diesem Rechner: eine Entwicklungsanmeldung statt Microsoft 365, ein Ersatz für Microsoft Graph und simulierte Zahlungen.',
  'home.playground': 'Testumgebung: ein Outlook-Verfassen-Fenster mit dem Outmerge-Aufgabenbereich',
  'home.portal': 'Lizenzportal',
  'home.mailbox': 'Postfach: was der Aufgabenbereich gesendet hat',
  'home.outbox': 'Postausgang: E-Mails von Outmerge',
  'home.manifest': 'Add-In-Manifest für diese Bereitstellung',
  'home.landing': 'Über Outmerge: die Seite, auf die die Fußzeile der kostenlosen Version verlinkt',
  'outside.title': 'Outmerge öffnet sich in Outlook',
  'outside.what':
    'Diese Seite ist der Outmerge-Aufgabenbereich. Outlook zeigt ihn neben einer Nachricht an, die du gerade schreibst, um diese Nachricht an jede Zeile einer Empfängerliste zu senden. Allein im Browser geöffnet, hat er keine Nachricht, mit der er arbeiten kann.',
  'outside.open':
    'Um ihn zu verwenden, beginne in Outlook eine neue Nachricht und wähle {button} im Menüband. In Outlook im Web und im neuen Outlook findest du ihn unter Apps, falls er nicht zu sehen ist.',
  'outside.install': 'Noch nicht in deinem Outlook? Deine IT-Administration installiert es für deine Organisation:',
  'outside.playground': 'Um Outmerge ohne Outlook auszuprobieren:',
  'pane.screenFailed':
    'Dieser Teil von Outmerge konnte nicht angezeigt werden ({message}). Prüfe deine Verbindung und versuche es erneut; wenn es wieder passiert, schließe den Aufgabenbereich und öffne ihn erneut.',
  'pane.startFailed':
    'Outmerge konnte nicht starten: {message} Schließe den Aufgabenbereich und öffne ihn erneut; wenn es wieder passiert, sag deiner IT-Administration Bescheid.',

  'manifest.unifiedName': 'Outmerge für Microsoft 365',
  'manifest.unifiedFullName': 'Outmerge für Microsoft 365: Serien-E-Mails aus Outlook',
  'manifest.description':
    'Personalisierte Serien-E-Mails aus Outlook: eine Nachricht pro Empfänger, gesendet aus deinem eigenen oder einem freigegebenen Postfach. Prüfe jede Nachricht vorab, sende im Hintergrund und erhalte einen Bericht. Mit Lizenz ohne Outmerge-Fußzeile.',
  'manifest.shortDescription': 'Personalisierte Serien-E-Mails aus Outlook: eine Nachricht pro Empfänger.',
  'manifest.groupLabel': 'Outmerge',
  'manifest.buttonLabel': 'Serien-E-Mail',
  'manifest.buttonTooltip': 'Sende diese Nachricht personalisiert an jede Zeile einer Empfängerliste.',

  'legal.portal': 'Lizenzportal',
  'legal.privacyLink': 'Datenschutz',
  'legal.termsLink': 'Nutzungsbedingungen',
  'landing.title': 'Persönliche E-Mails an viele Menschen, gesendet aus Outlook',
  'landing.lead':
    'Die Nachricht, die dich hierher geführt hat, wurde einmal geschrieben und an jede Person einer Liste mit ihrem eigenen Namen und ihren Angaben gesendet, aus dem Outlook des Absenders. Outmerge ist das Add-In, das das macht.',
  'landing.whatTitle': 'Was Outmerge macht',
  'landing.what1':
    'Schreib eine Nachricht in Outlook mit Feldern wie {{Vorname}}, wähle eine Excel- oder CSV-Liste, und Outmerge sendet jeder Person ihre eigene Nachricht.',
  'landing.what2':
    'Prüfe jede Nachricht vor dem Senden, sende einen Test und verfolge jede Zeile in einem Bericht. Gesendet wird so, dass die Grenzen von Microsoft 365 eingehalten werden.',
  'landing.privacyTitle': 'Deine Adresse bleibt beim Absender',
  'landing.privacy':
    'Die Nachrichten gehen aus dem Postfach des Absenders über Microsoft 365 hinaus. Seine Liste und seine Nachrichten erreichen Outmerge nie: Wir haben deine Adresse nicht, und der Link, dem du gefolgt bist, verrät nichts über dich. Wenn du keine Nachrichten mehr erhalten möchtest, antworte dem Absender.',
  'landing.getTitle': 'Outmerge bekommen',
  'landing.getStore':
    'Installiere es aus Microsoft AppSource, dem Store für Office-Add-Ins von Microsoft: Öffne in Outlook den Add-In-Store (Add-Ins abrufen, oder Apps im neuen Outlook und im Web), suche nach „Outmerge“ und füge es hinzu.',
  'landing.storeLink': 'Outmerge in Microsoft AppSource',
  'landing.getIt':
    'In der Arbeit oder an der Schule entscheidet vielleicht deine IT-Abteilung, welche Add-Ins du nutzen kannst. Bitte sie, Outmerge für dich hinzuzufügen: Was sie dafür braucht, steht auf unserer Seite für die IT.',
  'landing.itLink': 'Outmerge für IT-Abteilungen',
  'landing.free':
    'Outmerge kann kostenlos ausprobiert werden: Die kostenlose Version fügt jeder Nachricht eine kurze Zeile wie die hinzu, die du gesehen hast. Eine Lizenz deiner Organisation entfernt sie.',
  'landing.licenseLink': 'Lizenzen und Preise',
  'landing.nav': 'Mehr über Outmerge',
  'legal.privacy.title': 'Datenschutz',
  'legal.privacy.intro':
    'Was Outmerge mit personenbezogenen Daten tut: mit den Daten der Absender, der Administratoren und der Menschen, denen sie schreiben.',
  'legal.privacy.messagesTitle': 'Deine Nachrichten und Empfängerlisten',
  'legal.privacy.messages':
    'Der Outmerge-Bereich führt deine Nachrichten in Outlook zusammen und sendet sie über Microsoft Graph, mit deiner eigenen Microsoft 365-Anmeldung. Empfängerlisten, Nachrichteninhalte und Anhänge gehen nur von deinem Gerät zu Microsoft 365: Sie erreichen den Outmerge-Server nie.',
  'legal.privacy.serverTitle': 'Was der Outmerge-Server speichert',
  'legal.privacy.server':
    'Um eine Lizenz zu prüfen, erfährt der Server, wer du bist: die Kennungen deiner Microsoft 365-Organisation und deines Kontos, deine E-Mail-Adresse und wann du dich zuletzt gemeldet hast. Für Abonnements speichert er die Lizenzen (E-Mail-Adressen), delegierte Administratoren, genehmigte Domänen, Partner, Rechnungen und ein Aktivitätsprotokoll (wer was wann und von welcher IP-Adresse aus geändert hat).',
  'legal.privacy.paymentsTitle': 'Zahlungen',
  'legal.privacy.payments':
    'Kartennummern gehen an den Zahlungsanbieter, nie an den Outmerge-Server. Der Server behält, was der Anbieter antwortet: die Kartenmarke, ihre letzten vier Ziffern und den Stand jeder Zahlung.',
  'legal.privacy.emailsTitle': 'E-Mails von Outmerge',
  'legal.privacy.emails':
    'Outmerge schreibt E-Mails zu Lizenzen, Einladungen, Zahlungen und Partneranfragen. Die Links in diesen E-Mails sind nur für ihren Empfänger bestimmt.',
  'legal.privacy.rightsTitle': 'Speicherdauer und deine Rechte',
  'legal.privacy.rights':
    'Daten werden so lange gespeichert wie das Abonnement, zu dem sie gehören; Rechnungen so lange, wie es das Gesetz verlangt. Für eine Kopie deiner Daten, ihre Berichtigung oder Löschung wende dich an den Inhaber des Abonnements deiner Organisation oder schreib dem Betreiber dieses Outmerge-Dienstes.',
  'legal.terms.title': 'Nutzungsbedingungen',
  'legal.terms.intro':
    'Diese Bedingungen gelten für alle, die Outmerge nutzen: das Add-In in Outlook und das Lizenzportal.',
  'legal.terms.freeTitle': 'Kostenlose und lizenzierte Nutzung',
  'legal.terms.free':
    'Alle, die das Add-In haben, können Serien-E-Mails senden. Nachrichten von Absendern ohne Lizenz tragen die Outmerge-Fußzeile; eine im Lizenzportal zugewiesene Lizenz entfernt sie, solange das Abonnement aktiv ist.',
  'legal.terms.subscriptionTitle': 'Abonnements und Zahlung',
  'legal.terms.subscription':
    'Ein Abonnement verlängert sich am Ende jedes Zeitraums und wird der hinterlegten Karte belastet. Hinzugefügte Lizenzen werden sofort für den Rest des Zeitraums berechnet; entfernte Lizenzen zählen ab der nächsten Verlängerung. Kann eine Verlängerung nicht abgebucht werden, bleibt das Abonnement während einer Kulanzfrist nutzbar und läuft dann ab, bis die offene Rechnung bezahlt ist.',
  'legal.terms.useTitle': 'Zulässige Nutzung',
  'legal.terms.use':
    'Schreib nur Menschen, die deine Nachrichten erwarten, halte das Recht zur elektronischen Werbung dort ein, wo du und sie leben, und beachte die Sendelimits von Microsoft 365 und die Richtlinien deiner Organisation. Outmerge sendet aus deinem Postfach und in deinem Namen: Du bist für das verantwortlich, was du sendest.',
  'legal.terms.serviceTitle': 'Der Dienst',
  'legal.terms.service':
    'Outmerge wird so bereitgestellt, wie es ist. Wir arbeiten daran, dass es verfügbar und korrekt bleibt, aber die Zustellung liegt bei Microsoft 365 und den Mailservern der Empfänger: Wir können nicht garantieren, dass jede Nachricht ankommt. Unsere Haftung ist auf das begrenzt, was du für den laufenden Zeitraum bezahlt hast.',
  'legal.terms.changesTitle': 'Änderungen',
  'legal.terms.changes':
    'Diese Bedingungen können sich ändern; es gilt die Fassung auf dieser Seite. Eine Änderung, die betrifft, was du bezahlst, gilt für ein Abonnement ab seiner nächsten Verlängerung.',

  'ithelp.manifestChoice':
    'Outmerge hat zwei Manifeste. Das XML-Manifest funktioniert in jedem Outlook: unter Windows, auf dem Mac, im Web und auf Smartphones. Das App-Paket (das einheitliche Manifest für Microsoft 365) funktioniert nur in Outlook unter Windows und im Web: Outlook auf dem Mac und auf Smartphones unterstützen es noch nicht.',
  'ithelp.manifestZip': 'App-Paket herunterladen (einheitliches Manifest)',
  'ithelp.manifestZipHint':
    '(optional: Wo beide bereitgestellt sind, zeigt Outlook nur die Schaltfläche des App-Pakets)',
  'ithelp.deployConsent':
    'Beim Hochladen des App-Pakets wird ein globaler Administrator außerdem gebeten, die Administratorzustimmung für die Microsoft Graph-Berechtigungen während der Bereitstellung zu erteilen.',
  'ithelp.deployUpdate':
    'Wenn eine neue Version von Outmerge ihre Manifeste ändert, lade sie erneut hoch. Haben sich die Berechtigungen geändert, zeigt „Integrierte Apps“ „Update ausstehend“, und die Benutzer behalten die alte Version, bis ein Administrator das Update annimmt.',

  'playground.title': 'Testumgebung',
  'playground.explain':
    'Ein simuliertes Outlook-Fenster zum Verfassen. Schreibe die Nachricht links; der Outmerge-Aufgabenbereich rechts ist echt.',
  'playground.compose': 'Neue Nachricht',
  'playground.from': 'Von',
  'playground.subject': 'Betreff',
  'playground.body': 'Nachricht',
  'playground.outlookLanguage': 'Anzeigesprache von Outlook',
  'playground.pane': 'Outmerge-Aufgabenbereich',

  'footer.text': 'Gesendet mit Outmerge, Serien-E-Mails für Outlook.',
  'footer.link': 'Kostenlos testen',

  'email.welcome.subject': 'Deine Outmerge-Lizenz ist bereit',
  'email.welcome.intro':
    '{owner} hat dir eine Outmerge-Lizenz zugewiesen. Deine Serien-E-Mails aus Outlook werden jetzt ohne die Outmerge-Fußzeile gesendet.',
  'email.welcome.step1':
    '1. Erstelle in Outlook eine neue Nachricht und öffne Outmerge über das Menüband oder die Schaltfläche „Apps“. Fehlt es dort, hat deine IT-Abteilung es noch nicht bereitgestellt: Wende dich an sie.',
  'email.welcome.step2':
    '2. Melde dich im Outmerge-Aufgabenbereich mit deinem Microsoft 365-Konto an, und zwar mit der Adresse, an die diese E-Mail gesendet wurde.',
  'email.welcome.step3':
    '3. Der Aufgabenbereich zeigt dann „Lizenziert“ an, und deine Nachrichten enthalten keine Fußzeile mehr.',
  'email.welcome.help': 'Installationshilfe',
  'email.invitation.subject': '{owner} lädt dich zur Verwaltung von Outmerge ein',
  'email.invitation.intro':
    '{owner} lädt dich ein, das Outmerge-Abonnement der Organisation mit diesen Berechtigungen mitzuverwalten: {permissions}.',
  'email.invitation.accept':
    'Öffne den Link unten und melde dich mit deinem Microsoft 365-Konto {email} an. Die Einladung gilt einmal und läuft am {date} ab.',
  'email.invitation.trouble':
    'Wenn der Link nicht funktioniert, öffne ihn in einem privaten Browserfenster oder bitte {owner}, ihn erneut zu senden.',
  'email.invitation.button': 'Einladung annehmen',
  'email.seatRemoved.subject': 'Deine Outmerge-Lizenz wurde entfernt',
  'email.seatRemoved.body':
    '{by} hat deine Outmerge-Lizenz entfernt. Deine Serien-E-Mails enthalten wieder die Outmerge-Fußzeile. Wenn das ein Versehen ist, wende dich an deinen Administrator.',
  'email.ownership.subject': 'Die Inhaberschaft eines Outmerge-Abonnements wurde übertragen',
  'email.ownership.body':
    '{from} hat die Inhaberschaft des Outmerge-Abonnements ({plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}}) an {to} übertragen. {from} bleibt delegierter Administrator, bis der neue Inhaber dies ändert.',
  'email.ownership.button': 'Lizenzportal öffnen',
  'email.partnerRequest.subject': '{partner} möchte dein Outmerge-Abonnement verwalten',
  'email.partnerRequest.intro':
    '{partner} (Beratercode {code}) bittet um delegierte Verwaltung des Outmerge-Abonnements deiner Organisation mit diesen Berechtigungen: {permissions}, für {days, plural, one {# Tag} other {# Tage}}.',
  'email.partnerRequest.approve':
    'Nichts wird gewährt, bevor du zustimmst. Öffne den Link unten, melde dich mit deinem Microsoft 365-Konto {email} als Inhaber des Abonnements an und stimme zu oder lehne ab. Die Anfrage läuft am {date} ab.',
  'email.partnerRequest.end':
    'Nach deiner Zustimmung erscheint {partner} unter deinen delegierten Administratoren; du kannst den Zugriff jederzeit beenden, und er endet von selbst nach {days, plural, one {# Tag} other {# Tagen}}.',
  'email.partnerRequest.button': 'Anfrage ansehen',
  'email.partnerNotifications.subject': 'Änderungen bei deinen Outmerge-Kunden',
  'email.partnerNotifications.intro':
    '{count, plural, one {# Änderung} other {# Änderungen}} bei Kunden von {partner} seit der letzten Nachricht:',
  'email.partnerNotifications.line': '{customer}: {change} ({time})',
  'email.partnerNotifications.button': 'Kundenliste öffnen',
  'partnerChange.seats': 'Lizenzzuweisungen geändert',
  'partnerChange.quantity': 'Anzahl gekaufter Lizenzen geändert',
  'partnerChange.renewal': 'Verlängerung oder Zahlung',
  'partnerChange.cancellation': 'Abonnement beendet oder abgelaufen',
  'permission.assign': 'Lizenzen zuweisen und entfernen',
  'permission.view': 'Abonnement anzeigen',
  'permission.quantity': 'Menge verwalten',
  'permission.billing': 'Abrechnung verwalten',
  'tab.seats': 'Lizenzen',
  'tab.delegates': 'Delegierte Administratoren',
  'tab.domains': 'Domänen',
  'tab.journal': 'Aktivitätsprotokoll',
  'role.owner': 'Inhaber',
  'role.delegate': 'Delegierter Administrator',
  'role.youOwn': 'Du bist Inhaber dieses Abonnements',
  'role.youDelegate': 'Du verwaltest es mit diesen Berechtigungen: {permissions}',
  'portal.yourRole': 'Deine Rolle',
  'portal.nothingToManage':
    'Mit deinen Berechtigungen gibt es hier noch nichts für dich zu verwalten. Frag den Inhaber, wenn du mehr brauchst.',
  'seats.status.suspended': 'Gesperrt',
  'seats.uploadCsv': 'CSV-Datei hochladen',
  'seats.progress': '{done, number} von {total, plural, one {# Adresse} other {# Adressen}} verarbeitet',
  'seats.resultCount': '{count, number} × {result}',
  'seats.search': 'Nach E-Mail suchen',
  'seats.sortBy': 'Sortieren nach',
  'seats.assignedAt': 'Zugewiesen am',
  'seats.ascending': 'Aufsteigend sortiert; auswählen für absteigend',
  'seats.descending': 'Absteigend sortiert; auswählen für aufsteigend',
  'seats.export': 'CSV exportieren',
  'seats.noMatch': 'Keine Lizenz entspricht deiner Suche.',
  'seats.actions': 'Aktionen',
  'seats.pageInfo': '{from, number}–{to, number} von {total, number}',
  'seats.transfer': 'Übertragen',
  'seats.transferLabel': 'Lizenz von {email} auf eine andere Person übertragen',
  'seats.transferTitle': 'Lizenz von {email} übertragen',
  'seats.transferExplain':
    'Die Lizenz geht in einem Schritt an die neue Person über: Sie erhält eine Willkommens-E-Mail, und bei der nächsten Lizenzprüfung ist der bisherige Lizenznehmer nicht mehr lizenziert.',
  'seats.transferTo': 'E-Mail-Adresse des neuen Lizenznehmers',
  'seats.transferred': 'Die Lizenz von {from} gehört jetzt {to}.',
  'seats.suspend': 'Sperren',
  'seats.suspendLabel': 'Lizenz von {email} sperren',
  'seats.suspended':
    'Die Lizenz von {email} ist gesperrt: Die Nachrichten dieser Person enthalten die Fußzeile, bis du die Lizenz reaktivierst.',
  'seats.resume': 'Reaktivieren',
  'seats.resumeLabel': 'Lizenz von {email} reaktivieren',
  'seats.resumed': 'Die Lizenz von {email} ist wieder aktiv.',
  'delegates.title': 'Delegierte Administratoren',
  'delegates.explain':
    'Delegierte Administratoren helfen dir, dieses Abonnement mit den Berechtigungen zu verwalten, die du ihnen gibst: Zum Beispiel weist die IT Lizenzen zu, während die Buchhaltung die Abrechnung verwaltet.',
  'delegates.inviteTitle': 'Administrator einladen',
  'delegates.email': 'E-Mail-Adresse',
  'delegates.permissions': 'Berechtigungen',
  'delegates.invite': 'Einladung senden',
  'delegates.invited': 'Einladung an {email} gesendet. Sie ist 7 Tage gültig.',
  'delegates.choosePermission': 'Wähle mindestens eine Berechtigung.',
  'delegates.current': 'Administratoren',
  'delegates.none': 'Noch keine delegierten Administratoren.',
  'delegates.updated': 'Die Berechtigungen von {email} wurden geändert.',
  'delegates.remove': 'Entfernen',
  'delegates.removed': '{email} ist kein Administrator dieses Abonnements mehr.',
  'delegates.makeOwner': 'Zum Inhaber machen',
  'delegates.makeOwnerTitle': '{email} zum Inhaber machen?',
  'delegates.makeOwnerExplain':
    '{email} wird Inhaber, mit allen Berechtigungen, und kann delegierte Administratoren verwalten. Du bleibst delegierter Administrator, bis der neue Inhaber das ändert.',
  'delegates.ownerChanged': '{email} ist jetzt Inhaber dieses Abonnements.',
  'delegates.pending': 'Ausstehende Einladungen',
  'delegates.noPending': 'Keine ausstehenden Einladungen.',
  'delegates.expires': 'Läuft ab am',
  'delegates.resend': 'Erneut senden',
  'delegates.resent': 'Eine neue Einladung wurde an {email} gesendet; der vorherige Link funktioniert nicht mehr.',
  'delegates.revoke': 'Widerrufen',
  'delegates.revoked': 'Die Einladung an {email} wurde widerrufen.',
  'domains.title': 'Domänen',
  'domains.explain':
    'Lizenzen werden nur an Adressen in Domänen vergeben – und Willkommens-E-Mails nur dorthin gesendet –, deren Kontrolle deine Organisation nachgewiesen hat. Domänen, die dein Microsoft 365-Mandant verifiziert hat, gelten als nachgewiesen, sobald sich jemand aus deiner Organisation anmeldet; jede andere Domäne weist du mit einem DNS-Eintrag nach.',
  'domains.domain': 'Domäne',
  'domains.status': 'Status',
  'domains.proven': 'Nachgewiesen',
  'domains.pending': 'Nachweis ausstehend',
  'domains.byDns': 'über ihren DNS-Eintrag',
  'domains.byTenant': 'von deinem Microsoft 365-Mandanten verifiziert',
  'domains.lastCheck': 'Zuletzt geprüft {when}: {result}',
  'domains.check.proven': '{domain} ist nachgewiesen.',
  'domains.check.record_missing':
    'der TXT-Eintrag wurde bei {domain} noch nicht gefunden. DNS-Änderungen können bis zu einer Stunde brauchen: prüfe später noch einmal.',
  'domains.check.domain_not_found': '{domain} existiert im DNS nicht. Prüfe die Schreibweise.',
  'domains.check.lookup_failed':
    'Das DNS konnte gerade nicht abgefragt werden. Versuche es in ein paar Minuten noch einmal.',
  'domains.provenNow': '{domain} ist nachgewiesen: du kannst dort jetzt Lizenzen vergeben.',
  'domains.checkNow': 'Jetzt prüfen',
  'domains.checking': 'Wird geprüft …',
  'domains.checkLabel': 'Jetzt prüfen, ob {domain} nachgewiesen ist',
  'domains.howTitle': 'So weist du eine Domäne nach',
  'domains.howSteps':
    'Lege bei deinem DNS-Anbieter diesen TXT-Eintrag direkt für die Domäne an (Host @) und klicke dann auf Jetzt prüfen. Derselbe Wert weist jede Domäne deiner Organisation nach.',
  'domains.recordLabel': 'Zu veröffentlichender TXT-Eintrag',
  'domains.recordType': 'Typ',
  'domains.recordHost': 'Host',
  'domains.recordValue': 'Wert',
  'domains.howWait': 'Lass den Eintrag auch nach dem Nachweis bestehen.',
  'domains.add': 'Nachzuweisende Domäne',
  'domains.approve': 'Hinzufügen',
  'domains.remove': 'Entfernen',
  'domains.removeLabel': '{domain} entfernen',
  'domains.onlyAdministrators':
    'Domänen fügen die Administratoren deiner Organisation hinzu und weisen sie nach (der erste Käufer und die von ihm ernannten Personen oder deine globalen Microsoft 365-Administratoren).',
  'journal.title': 'Aktivitätsprotokoll',
  'journal.time': 'Zeitpunkt',
  'journal.actor': 'Wer',
  'journal.action': 'Was',
  'journal.allActions': 'Alle Änderungen',
  'journal.target': 'Betrifft',
  'journal.ip': 'IP-Adresse',
  'journal.role': 'Rolle',
  'journal.onBehalfOf': 'Im Auftrag von',
  'journal.detail': 'Details',
  'journal.from': 'Von',
  'journal.to': 'Bis',
  'journal.empty': 'Keine Änderung entspricht diesen Filtern.',
  'journal.action.subscription.purchased': 'Abonnement gekauft',
  'journal.action.seat.assigned': 'Lizenz zugewiesen',
  'journal.action.seat.unassigned': 'Lizenz entfernt',
  'journal.action.seat.transferred': 'Lizenz übertragen',
  'journal.action.seat.suspended': 'Lizenz gesperrt',
  'journal.action.seat.resumed': 'Lizenz reaktiviert',
  'journal.action.invitation.sent': 'Einladung gesendet',
  'journal.action.invitation.resent': 'Einladung erneut gesendet',
  'journal.action.invitation.revoked': 'Einladung widerrufen',
  'journal.action.invitation.accepted': 'Einladung angenommen',
  'journal.action.delegate.permissions_changed': 'Berechtigungen geändert',
  'journal.action.delegate.removed': 'Administrator entfernt',
  'journal.action.ownership.transferred': 'Inhaberschaft übertragen',
  'journal.action.domain.approved': 'Domäne genehmigt',
  'journal.action.domain.removed': 'Domäne entfernt',
  'journal.action.domain.added': 'Domäne hinzugefügt',
  'journal.action.domain.proven': 'Domäne nachgewiesen',
  'journal.action.seat.left': 'Lizenz von ihrem Inhaber verlassen',
  'journal.action.organisation_admin.appointed': 'Organisationsadministrator ernannt',
  'journal.action.organisation_admin.dismissed': 'Organisationsadministrator abberufen',
  'journal.action.subscription.created_from_key': 'Abonnement mit einem Produktschlüssel begonnen',
  'journal.action.subscription.extended': 'Produktschlüssel für das Abonnement eingelöst',
  'journal.action.trial.started': 'Testphase begonnen',
  'journal.action.partner.requested': 'Partner hat Verwaltung angefragt',
  'journal.action.partner.approved': 'Partner genehmigt',
  'journal.action.partner.declined': 'Anfrage des Partners abgelehnt',
  'journal.action.partner.ended': 'Partnerbeziehung beendet',
  'journal.action.quantity.increased': 'Lizenzen hinzugefügt',
  'journal.action.quantity.decrease_scheduled': 'Lizenzreduzierung zur Verlängerung geplant',
  'journal.action.quantity.unchanged': 'Anzahl unverändert bestätigt',
  'journal.action.quantity.payment_failed': 'Zahlung für zusätzliche Lizenzen fehlgeschlagen',
  'journal.action.payment_method.replaced': 'Zahlungsmethode ersetzt',
  'journal.action.payment_method.declined': 'Zahlungsmethode von der Bank abgelehnt',
  'journal.action.billing_profile.updated': 'Rechnungsangaben geändert',
  'journal.action.invoice.paid': 'Rechnung bezahlt',
  'journal.action.invoice.payment_failed': 'Zahlung der Rechnung fehlgeschlagen',
  'journal.action.subscription.reactivated': 'Abonnement reaktiviert',
  'journal.action.subscription.renewed': 'Abonnement verlängert',
  'journal.action.renewal.payment_failed': 'Zahlung der Verlängerung fehlgeschlagen',
  'journal.action.trial.converted': 'Testphase in ein bezahltes Abonnement umgewandelt',
  'journal.action.subscription.expired': 'Abonnement abgelaufen',
  'journal.action.trial.expired': 'Testphase beendet',
  'journal.action.subscription.merged_into': 'In ein anderes Abonnement zusammengeführt',
  'journal.action.subscription.consolidated': 'Abonnements hierin zusammengeführt',
  'journal.action.consolidation.payment_failed': 'Zahlung für das Zusammenführen fehlgeschlagen',
  'journal.action.consolidation.invited': 'Einladung zum Zusammenführen des Abonnements eines Kollegen gesendet',
  'journal.action.consolidation.declined': 'Einladung zum Zusammenführen abgelehnt',
  'journal.action.consolidation.withdrawn': 'Einladung zum Zusammenführen zurückgezogen',
  'journal.action.consolidation.accepted': 'Einladung zum Zusammenführen angenommen: Inhaberschaft übergeben',
  'journal.action.partner.enrolled': 'Partner geworden',
  'journal.action.partner.trial_allowance_set': 'Kontingent an Testlizenzen vom Anbieter festgelegt',
  'journal.action.staff.added': 'Mitarbeiter hinzugefügt',
  'journal.action.staff.role_changed': 'Rolle eines Mitarbeiters geändert',
  'journal.action.staff.removed': 'Mitarbeiter entfernt',
  'journal.action.offer.created': 'Angebot erstellt',
  'journal.action.offer.disabled': 'Angebot deaktiviert',
  'journal.action.offer.enabled': 'Angebot wieder aktiviert',
  'journal.action.offer.redeemed': 'Angebot von einem Kunden angenommen',
  'journal.action.request.sent': 'Verwaltungsanfrage gesendet',
  'journal.action.request.withdrawn': 'Verwaltungsanfrage zurückgezogen',
  'journal.action.request.approved': 'Verwaltungsanfrage genehmigt',
  'journal.action.request.declined': 'Verwaltungsanfrage abgelehnt',
  'journal.action.relationship.ended_by_customer': 'Beziehung vom Kunden beendet',
  'journal.action.product_keys.purchased': 'Produktschlüssel gekauft',
  'journal.action.product_key.redeemed': 'Produktschlüssel eingelöst',
  'journal.role.owner': 'Inhaber',
  'journal.role.delegate': 'Delegierter Administrator',
  'journal.role.partner': 'Partner {partner}',
  'journal.role.organisation_admin': 'Organisationsadministrator',
  'journal.role.seat_holder': 'Lizenzinhaber',
  'journal.role.customer': 'Kunde',
  'journal.role.system': 'Outmerge (automatisch)',
  'journal.role.vendor': 'Der Anbieter',
  'accept.title': 'Einladung zur Verwaltung von Outmerge',
  'accept.signInFirst':
    'Melde dich mit dem Microsoft 365-Konto an, an das die Einladung gesendet wurde, und nimm sie dann an.',
  'accept.privateWindow':
    'Wenn du mit einem anderen Konto angemeldet bist, öffne den Link in einem privaten Browserfenster.',
  'accept.explain':
    'Du bist als {email} angemeldet. Nimm die Einladung an, um delegierter Administrator dieses Abonnements zu werden.',
  'accept.button': 'Einladung annehmen',
  'accept.done':
    'Fertig: {by} hat dich mit diesen Berechtigungen zum delegierten Administrator gemacht: {permissions}.',
  'accept.open': 'Abonnement öffnen',
  'apiError.INVITATION_NOT_FOUND':
    'Dieser Einladungslink ist ungültig. Prüfe, ob du den vollständigen Link aus der E-Mail geöffnet hast.',
  'apiError.INVITATION_USED':
    'Diese Einladung wurde bereits angenommen. Bitte den Inhaber um eine neue, wenn du sie brauchst.',
  'apiError.INVITATION_REVOKED': 'Der Inhaber hat diese Einladung zurückgezogen.',
  'apiError.INVITATION_SUPERSEDED':
    'Du hast eine neuere Einladung erhalten: Verwende den Link aus der neuesten E-Mail.',
  'apiError.INVITATION_EXPIRED': 'Diese Einladung ist abgelaufen. Bitte den Inhaber, sie erneut zu senden.',
  'apiError.INVITATION_WRONG_ACCOUNT':
    'Diese Einladung gilt für eine andere Adresse. Melde dich mit dem Konto an, an das sie gesendet wurde (ein privates Browserfenster hilft dabei), und öffne den Link dann erneut.',
  'apiError.INVITATION_ALREADY_PENDING':
    'Diese Person hat bereits eine ausstehende Einladung: Sende sie erneut oder widerrufe sie.',
  'apiError.ALREADY_OWNER': 'Diese Person ist bereits Inhaber des Abonnements.',
  'apiError.DOMAIN_NOT_FOUND': 'Diese Domäne gehört nicht zu deiner Organisation: füge sie zuerst hinzu.',
  'apiError.DOMAIN_PROVEN_BY_TENANT':
    'Diese Domäne ist von deinem Microsoft 365-Mandanten verifiziert und bleibt nachgewiesen, solange dein Mandant sie verifiziert.',
  'apiError.SEAT_OWN_ORGANISATION':
    'Diese Lizenz gehört deiner eigenen Organisation: bitte ihren Inhaber, sie zu entfernen.',
  'apiError.CONSUMER_ACCOUNT':
    'Outmerge lizenziert Organisationen: melde dich mit deinem Geschäfts- oder Schulkonto an, um Lizenzen zu kaufen.',
  'apiError.ORGANISATION_NOT_FOUND':
    'Das können nur die Administratoren deiner Organisation. Bitte den ersten Käufer, dich zu ernennen.',
  'apiError.VALIDATION_FAILED': 'Einige deiner Eingaben sind ungültig. Prüfe sie und versuche es erneut.',
  'recipients.ccColumn': 'Cc-Spalte (optional)',
  'recipients.bccColumn': 'Bcc-Spalte (optional)',
  'recipients.noColumn': 'Keine',
  'problems.tooManyRecipients':
    'Zeile {row} hat {count, plural, other {# Empfänger}}; Exchange Online akzeptiert höchstens 500 pro Nachricht. Diese Zeile wird übersprungen.',
  'send.pause': 'Pausieren',
  'send.resume': 'Senden fortsetzen',
  'send.pausedNotice':
    'Das Senden ist pausiert: {sent, number} von {total, plural, one {# Nachricht} other {# Nachrichten}} gesendet. Beim Fortsetzen wird nichts doppelt gesendet.',
  'report.title': 'Bericht',
  'report.totals':
    '{total, plural, one {# Nachricht} other {# Nachrichten}}: {sent, number} gesendet, {failed, number} fehlgeschlagen, {cancelled, number} abgebrochen.',
  'report.export': 'Als CSV exportieren',
  'report.retryFailed':
    '{count, plural, one {Die fehlgeschlagene Zeile} other {Die # fehlgeschlagenen Zeilen}} erneut senden',
  'report.newCampaign': 'Neue Kampagne',
  'report.row': 'Zeile',
  'report.status': 'Status',
  'report.sent': 'Gesendet',
  'report.failed': 'Fehlgeschlagen',
  'report.cancelled': 'Abgebrochen',
  'report.notYet': 'Noch nicht gesendet',
  'report.moreInCsv': '…und {count, plural, one {# weitere Zeile} other {# weitere Zeilen}} im CSV-Export.',
  'report.reason.rejected': 'von Microsoft 365 abgelehnt',
  'report.reason.send_as_denied': 'keine Berechtigung, aus diesem Postfach zu senden',
  'report.reason.auth': 'Anmeldung abgelaufen; melde dich erneut an und setze fort',
  'report.reason.budget': 'tägliches Sendelimit erreicht; setze später fort',
  'report.reason.unknown_outcome': 'nicht bestätigt; prüfe die Gesendeten Elemente',
  'report.reason.attempts_exhausted':
    'konnte nach mehreren Versuchen nicht in Microsoft 365 vorbereitet werden; versuche es später erneut',
  'report.reason.daily_limit':
    'von Exchange zurückgeschickt: das Postfach hat sein 24-Stunden-Empfängerlimit erreicht; sende sie morgen erneut',
  'report.reason.sender_restricted':
    'von Exchange zurückgeschickt: dein Postfach ist für das Senden gesperrt; bitte die IT, es freizugeben',
  'preview.testSend': 'Test dieser Nachricht senden',
  'preview.testTo': 'Test senden an',
  'preview.testToHint':
    'Deine eigene Adresse oder die einer Kollegin oder eines Kollegen, die die Nachricht prüfen soll.',
  'preview.testToInvalid': '„{address}“ ist keine E-Mail-Adresse. Gib eine Adresse wie anna@contoso.com ein.',
  'preview.testPrefix': '[Test]',
  'preview.testSent': 'Test an {address} gesendet. Sieh in deinem Posteingang nach.',
  'send.from': 'Senden von',
  'send.fromHint':
    'Leer lassen, um aus deinem eigenen Postfach zu senden, oder ein freigegebenes Postfach eingeben, für das du „Senden als“ darfst.',
  'send.fromOwn': 'Dein Postfach',
  'recipients.sheet': 'Tabellenblatt',
  'recipients.emptySheet': 'Das Tabellenblatt „{sheet}“ in {file} ist leer. Wähle ein anderes Blatt.',
  'playground.attachments': 'Anlagen',
  'playground.removeAttachments': 'Alle entfernen',
  'recipients.attachmentColumn': 'Anlagen-Spalte (optional)',
  'recipients.attachmentHint':
    'Dateinamen der Anlagen der Nachricht, durch Semikolons getrennt. Anlagen, die keine Zeile nennt, gehen an alle.',
  'problems.missingAttachment':
    'Zeile {row} nennt die Datei „{name}“, die der Nachricht nicht angehängt ist. Hänge sie an oder korrigiere den Namen; bis dahin wird diese Zeile übersprungen.',
  'problems.attachmentTooLarge':
    'Zeile {row}: Mit „{name}“ ist die Nachricht größer als 35 MB, was Exchange Online ablehnt. Teile große Dateien stattdessen als Link; diese Zeile wird übersprungen.',
  'preview.attachments': 'Anlagen',
  'recipients.contacts': 'Oder Outlook-Kontakte verwenden',
  'recipients.contactsMailbox': 'Kontakte von (freigegebenes Postfach, optional)',
  'recipients.contactsCategory': 'Kategorie (optional)',
  'recipients.contactsAllCategories': 'Alle Kategorien',
  'recipients.loadContacts': 'Kontakte laden',
  'recipients.contactsSource': 'Kontakte von {mailbox} ({category})',
  'recipients.contactsFailed': 'Die Kontakte konnten nicht geladen werden: {message}',
  'wizard.label': 'Schritte der Kampagne',
  'wizard.navigation': 'Zwischen Schritten wechseln',
  'wizard.back': 'Zurück: {step}',
  'wizard.next': 'Weiter: {step}',
  'wizard.needRecipients': 'Wähle zuerst eine Empfängerliste.',
  'problems.excludedBySender': 'Zeile {row} ist von dieser Kampagne ausgenommen.',
  'problems.outsidePart.follow_up': 'Zeile {row} gehört nicht zu den Empfängern des Nachfassens.',
  'problems.outsidePart.rerun': 'Zeile {row} gehört nicht zu den erneut gesendeten Zeilen.',
  'problems.exclude': 'Zeile {row} auslassen',
  'problems.include': 'Zeile {row} wieder aufnehmen',
  'preview.exclude': 'Diesen Empfänger auslassen',
  'budget.split':
    'Diese Kampagne braucht {needed, plural, other {# Empfänger}} (Cc und Bcc zählen mit). Dein Postfach darf {limit, number} in 24 Stunden erreichen, und jetzt {left, plural, one {ist noch # übrig} other {sind noch # übrig}}, daher sendet Outmerge sie in {parts, plural, one {# Teil} other {# Teilen}}:',
  'budget.partNow':
    'Teil 1: {messages, plural, one {# Nachricht} other {# Nachrichten}} ({recipients, plural, other {# Empfänger}}), jetzt',
  'budget.part':
    'Teil {number}: {messages, plural, one {# Nachricht} other {# Nachrichten}} ({recipients, plural, other {# Empfänger}}), ab etwa {time}',
  'budget.keepOpen':
    'Jeder Teil startet von selbst, solange dieser Bereich geöffnet ist; sonst öffne ihn nach dieser Zeit erneut. Um alles auf einmal zu senden, lass Zeilen aus.',
  'send.waiting':
    'Das 24-Stunden-Limit deines Postfachs ist erreicht: {sent, number} von {total, plural, one {# Nachricht} other {# Nachrichten}} gesendet. Der Rest geht ab {time} raus, von selbst, solange dieser Bereich geöffnet ist; sonst öffne ihn dann erneut.',
  // Der Bereich über mehrere Bereiche hinweg, Anhalten, Wiederholen, der vollständige Bericht, der Test, eingebettete Bilder, das Von-Feld.
  'send.fromMessage': 'Von (wie in der Nachricht gewählt)',
  'send.fromMessageHint':
    'Outmerge sendet von der Adresse im Von-Feld der Nachricht. Um aus einem freigegebenen Postfach zu senden, wähle es unter „Von“ und lade die Nachricht dann neu.',
  'send.fromShared': 'freigegebenes Postfach',
  'send.fromFallback': 'Senden von (diese Outlook-Version teilt Outmerge das Von-Feld der Nachricht nicht mit)',
  'send.observing':
    'Ein anderer Outmerge-Bereich (ein anderes Nachrichtenfenster oder ein anderer Tab) sendet diese Kampagne. Sein Fortschritt erscheint hier; wird er geschlossen, macht dieser Bereich von selbst weiter.',
  'send.busy':
    'Ein anderer Outmerge-Bereich arbeitet an dieser Kampagne. Nutze diesen Bereich, oder schließe ihn und versuche es erneut.',
  'send.stopping':
    'Wird angehalten: Noch nicht gesendete Entwürfe werden gelöscht, und bereits an Microsoft 365 übergebene Nachrichten werden nachgeschlagen. Das kann eine Minute dauern.',
  'send.signInToStop':
    'Melde dich an, um anzuhalten: Outmerge löscht die noch nicht gesendeten Entwürfe und schlägt die bereits an Microsoft 365 übergebenen Nachrichten nach.',
  // Scheduled campaigns and the campaign history (issue 14, points 1 and 5).
  'schedule.later': 'Später senden',
  'schedule.laterHint':
    'Exchange behält die Nachrichten und sendet sie zur gewählten Zeit, auch wenn Outlook geschlossen ist.',
  'schedule.when': 'Datum und Uhrzeit',
  'schedule.timeZone': 'In deiner Zeitzone: {zone}',
  'schedule.problem.invalid':
    'Gib ein Datum und eine Uhrzeit ein, die es in deinem Kalender gibt, zum Beispiel {example}.',
  'schedule.problem.past': 'Wähle eine Zeit mindestens eine Minute ab jetzt: eine vergangene Zeit würde sofort senden.',
  'schedule.problem.too_far': 'Wähle eine Zeit innerhalb eines Jahres.',
  'schedule.button': '{count, plural, one {# Nachricht} other {# Nachrichten}} planen',
  'schedule.partsIntro':
    'Dein Postfach darf in 24 Stunden an {limit, number} Empfänger senden, daher sendet Exchange diese Kampagne in {count, plural, one {einem Teil} other {# Teilen}}:',
  'schedule.part': '{messages, plural, one {# Nachricht} other {# Nachrichten}} von {from} bis {to}',
  'schedule.partAt': '{messages, plural, one {# Nachricht} other {# Nachrichten}} am {time}',
  'schedule.prepare':
    'Outmerge übergibt zuerst jede Nachricht an Exchange, das sie bis zu ihrer Zeit behält: Das dauert etwa {minutes, plural, one {# Minute} other {# Minuten}}. Lass diesen Bereich bis dahin geöffnet; danach kann Outlook geschlossen werden.',
  'schedule.prepareLate':
    'Die Übergabe an Exchange dauert länger als die Zeit bis zum gewählten Zeitpunkt: Nachrichten, deren Zeit bei der Übergabe schon gekommen ist, gehen sofort hinaus.',
  'schedule.status':
    'Geplant: Exchange behält {held, plural, one {# Nachricht} other {# Nachrichten}} und sendet sie ab {time}, auch wenn Outlook geschlossen ist.',
  'schedule.cancel': 'Geplante Kampagne abbrechen',
  'schedule.cancelTitle': 'Diese geplante Kampagne abbrechen?',
  'schedule.cancelBody':
    'Die Nachrichten, die Exchange noch behält, werden gelöscht und nicht gesendet. Bereits gesendete Nachrichten bleiben gesendet.',
  'schedule.cancelConfirm': 'Kampagne abbrechen',
  'schedule.keep': 'Behalten',
  'report.scheduled': 'Geplant für {time}',
  'history.open': 'Frühere und geplante Kampagnen',
  'history.hide': 'Frühere Kampagnen ausblenden',
  'history.title': 'Frühere und geplante Kampagnen',
  'history.where':
    'Nur in diesem Browser auf diesem Gerät gespeichert (die letzten {count}): Nichts über deine Empfänger gelangt auf die Server von Outmerge. Die Nachrichten selbst liegen in den Gesendeten Elementen deines Postfachs.',
  'history.search': 'Nach Betreff, Postfach oder Datum suchen',
  'history.empty': 'Noch keine Kampagne. Kampagnen erscheinen hier, sobald sie beendet sind.',
  'history.noMatch': 'Keine Kampagne passt zu „{query}“.',
  'history.scheduledTitle': 'Geplant',
  'history.pastTitle': 'Frühere Kampagnen',
  'history.summary':
    '{date}: {sent, number} gesendet, {failed, number} fehlgeschlagen von {total, plural, one {# Zeile} other {# Zeilen}}',
  'history.scheduledSummary': '{held, plural, one {# Nachricht} other {# Nachrichten}} bei Exchange, ab {time}',
  'history.fromOwn': 'dein Postfach',
  'history.view': 'Bericht anzeigen',
  'history.back': 'Zurück zur Liste',
  'history.rerun':
    '{count, plural, one {Die fehlgeschlagene Zeile} other {Die # fehlgeschlagenen Zeilen}} als neue Kampagne erneut senden',
  'history.rerunUnsure':
    '{count, plural, one {# Zeile wurde nicht bestätigt und ist vielleicht hinausgegangen: Sie wird nicht erneut gesendet.} other {# Zeilen wurden nicht bestätigt und sind vielleicht hinausgegangen: Sie werden nicht erneut gesendet.}} Sieh in den Gesendeten Elementen nach, bevor du sie noch einmal sendest.',
  'history.rerunBusy':
    'Eine Kampagne läuft oder ihr Bericht ist geöffnet: Schließe sie, bevor du Zeilen erneut sendest.',
  'history.remove': 'Aus der Liste entfernen',
  'history.cancelled':
    'Abgebrochen: {count, plural, one {# behaltene Nachricht wurde} other {# behaltene Nachrichten wurden}} gelöscht.',
  'template.attachmentsUnreadable':
    'Diese Outlook-Version lässt Add-ins die Anlagen der Nachricht nicht lesen, daher gehen die Nachrichten ohne sie hinaus. Aktualisiere Outlook, um mit jeder Nachricht Dateien zu senden.',
  'template.inlineUnmatched':
    '{count, plural, one {# Bild in der Nachricht kann} other {# Bilder in der Nachricht können}} nicht mitgesendet werden: Diese Outlook-Version teilt Outmerge nicht mit, welche Anlage zu welchem Bild gehört (Mailbox 1.16 ist nötig), die Empfänger sähen also ein defektes Bild. Entferne die Bilder, oder aktualisiere Outlook.',
  'template.inlineTooLarge':
    'Das Bild {names} in der Nachricht ist 3 MB oder größer und kann nicht im Text gesendet werden, die Empfänger sähen also ein defektes Bild. Verkleinere es, oder hänge es als Datei an.',
  'preview.testCarries':
    'Der Test geht nur an dich, mit den Dateien und Bildern dieses Empfängers, genau so, wie die Nachricht hinausgeht.',
  'preview.testNotSent': 'Der Test wurde nicht gesendet: {message}',
  'problems.export': 'Prüfungen exportieren (CSV)',
  'problems.csvFinding': 'Befund',
  'pager.range': '{from, number}–{to, number} von {total, number}',
  'pager.label': 'Seiten von {list}',
  'report.totalsAll':
    '{total, plural, one {# Zeile} other {# Zeilen}} in der Liste: {sent, number} gesendet, {failed, number} fehlgeschlagen, {cancelled, number} abgebrochen, {skipped, number} ausgelassen.',
  'report.skipped': 'Ausgelassen',
  'report.skip.missing_address': 'keine E-Mail-Adresse',
  'report.skip.invalid_address': '„{address}“ ist keine gültige E-Mail-Adresse',
  'report.skip.duplicate': 'dieselbe Adresse wie Zeile {first}',
  'report.skip.too_many_recipients':
    '{count, plural, one {# Empfänger} other {# Empfänger}}, mehr als die 500, die Exchange Online annimmt',
  'report.skip.missing_attachment': 'die Datei „{name}“ ist der Nachricht nicht angehängt',
  'report.skip.attachment_too_large': 'über 35 MB mit „{name}“',
  'report.skip.excluded_by_sender': 'von dir ausgenommen',
  'report.skip.outside_part.follow_up': 'nicht im Nachfassen',
  'report.skip.outside_part.rerun': 'nicht erneut gesendet',
  'report.skip.empty_fields': '{fields} ist leer',
  'report.reason.stopped_unconfirmed': 'beim Senden angehalten; sie kann noch ankommen: prüfe die Gesendeten Elemente',
  'report.csv.row': 'Zeile',
  'report.csv.to': 'An',
  'report.csv.cc': 'Cc',
  'report.csv.bcc': 'Bcc',
  'report.csv.subject': 'Betreff',
  'report.csv.status': 'Status',
  'report.csv.detail': 'Details',
  'playground.fromOwn': 'Dein Postfach',
  'playground.outlookVersion': 'Simuliertes Outlook',
  'playground.version.1.16': 'Aktuell (Mailbox 1.16 und neuer)',
  'playground.version.1.15': 'Mailbox 1.8–1.15: keine Bild-IDs',
  'playground.version.1.6': 'Mailbox 1.6: kein Von-Feld, keine Anlagen',
  'consolidate.open': 'Abonnements zusammenführen',
  'consolidate.title': 'Andere Abonnements in dieses zusammenführen',
  'consolidate.explain':
    'Ihre Benutzer behalten hier eine Lizenz, die zusammengeführten Abonnements enden jetzt, und ihre ungenutzte Zeit wird als Guthaben auf der nächsten Rechnung dieses Abonnements angerechnet. Reichen die Lizenzen nicht mehr, wächst dieses Abonnement und die Differenz wird von seiner Karte abgebucht.',
  'consolidate.none': 'Du besitzt kein anderes aktives Abonnement dieser Organisation.',
  'consolidate.source':
    '{plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}} ({assigned, number} zugewiesen), verlängert sich am {date}',
  'consolidate.summary':
    '{seats, plural, one {# zugewiesene Lizenz kommt} other {# zugewiesene Lizenzen kommen}} hierher; hier {free, plural, one {ist jetzt # Lizenz} other {sind jetzt # Lizenzen}} frei.',
  'consolidate.confirm': 'Zusammenführen',
  'consolidate.done':
    '{count, plural, one {# Abonnement} other {# Abonnements}} zusammengeführt: {seats, plural, one {# Lizenz} other {# Lizenzen}} verschoben, jetzt {quantity, plural, one {# Lizenz} other {# Lizenzen}}. Abgebucht: {charged}; Guthaben: {credit}.',
  'mergeInvite.open': 'Kollegen zum Zusammenführen einladen',
  'mergeInvite.title': 'Das Abonnement eines Kollegen hierin zusammenführen',
  'mergeInvite.explain':
    'Ein Kollege, der in deiner Organisation ein eigenes Abonnement gekauft hat, kann es hierin zusammenführen, wenn er zustimmt. Seine Benutzer erhalten hier eine Lizenz, sein Abonnement endet und geht in deinen Besitz über, und seine bezahlte, ungenutzte Zeit wird als Guthaben auf der nächsten Rechnung dieses Abonnements angerechnet.',
  'mergeInvite.email': 'Geschäftliche E-Mail-Adresse deines Kollegen',
  'mergeInvite.preview': 'Zeigen, was das Zusammenführen bewirkt',
  'mergeInvite.source':
    'Abonnement von {colleague}: {plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}} ({assigned, number} zugewiesen), verlängert sich am {date}.',
  'mergeInvite.seats':
    '{moving, plural, one {# Person erhält} other {# Personen erhalten}} hier eine Lizenz; hier {free, plural, one {ist jetzt # Lizenz} other {sind jetzt # Lizenzen}} frei.',
  'mergeInvite.credit':
    'Guthaben für dieses Abonnement bei Annahme heute: {credit}. Es wird jeden Tag kleiner; es zählt der Betrag am Tag der Annahme.',
  'mergeInvite.noRoom':
    'Hier sind nicht genug Lizenzen frei: Füge zuerst mit „Lizenzen ändern“ {missing, plural, one {# Lizenz} other {# Lizenzen}} hinzu und lade dann ein.',
  'mergeInvite.expiry':
    'Die Einladung läuft am {date} ab, in 7 Tagen; danach lade erneut ein, um einen aktuellen Betrag zu zeigen.',
  'mergeInvite.send': 'Einladung senden',
  'mergeInvite.sent': 'Einladung an {email} gesendet. Sie läuft am {date} ab.',
  'mergeInvite.list': 'Gesendete Einladungen',
  'mergeInvite.withdraw': 'Zurückziehen',
  'mergeInvite.withdrawLabel': 'Einladung an {email} zurückziehen',
  'mergeInvite.withdrawn': 'Einladung zurückgezogen.',
  'mergeInvite.item': '{email}: {status}',
  'mergeInvite.status.pending': 'Antwort erwartet bis {date}',
  'mergeInvite.status.accepted': 'angenommen',
  'mergeInvite.status.declined': 'abgelehnt',
  'mergeInvite.status.withdrawn': 'zurückgezogen',
  'mergeInvite.status.expired': 'abgelaufen',
  'mergeRequests.title': 'Anfragen, dein Abonnement zusammenzuführen',
  'mergeRequests.heading': '{inviter} möchte dein Abonnement zusammenführen',
  'mergeRequests.what':
    'Dein Abonnement ({plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}}) würde in das Abonnement zusammengeführt, das {inviter} für deine Organisation verwaltet ({targetPlan}, {targetQuantity, plural, one {# Lizenz} other {# Lizenzen}}).',
  'mergeRequests.seats':
    '{moving, plural, =0 {Niemand wird verschoben} one {# Person behält eine Lizenz und wird verschoben} other {# Personen behalten eine Lizenz und werden verschoben}}{already, plural, =0 {} one {; # hat dort bereits eine} other {; # haben dort bereits eine}}. Dein Abonnement endet jetzt und geht in den Besitz von {inviter} über.',
  'mergeRequests.credit':
    'Guthaben: {credit}, die bezahlte, ungenutzte Zeit deines Abonnements, geht auf die nächste Rechnung des anderen Abonnements, belegt durch eine Gutschrift.',
  'mergeRequests.noRoom':
    'Das andere Abonnement hat nicht genug freie Lizenzen für deine Benutzer: Bitte {inviter}, Lizenzen hinzuzufügen, und nimm dann an.',
  'mergeRequests.expires': 'Antworte bis {date}.',
  'mergeRequests.accept': 'Annehmen und zusammenführen',
  'mergeRequests.acceptLabel': 'Anfrage von {inviter} annehmen und zusammenführen',
  'mergeRequests.decline': 'Ablehnen',
  'mergeRequests.declineLabel': 'Die Anfrage von {inviter} ablehnen',
  'mergeRequests.accepted':
    'Zusammengeführt: {seats, plural, one {# Lizenz} other {# Lizenzen}} verschoben, {credit} gutgeschrieben ({notes}).',
  'mergeRequests.declined': 'Anfrage abgelehnt. {inviter} wird informiert.',
  'apiError.CONSOLIDATION_NOT_ELIGIBLE':
    'Dieser Kollege hat kein Abonnement, das zusammengeführt werden kann: Es muss sein eigenes, bezahltes Einzelabonnement in deiner Organisation sein, das noch nie zusammengeführt wurde.',
  'apiError.CONSOLIDATION_NO_ROOM':
    'Es sind nicht genug Lizenzen für seine Benutzer frei. Füge zuerst Lizenzen hinzu und versuch es dann erneut.',
  'apiError.CONSOLIDATION_INVITATION_NOT_FOUND':
    'Diese Anfrage gibt es nicht, oder sie ist nicht an das Konto gerichtet, mit dem du angemeldet bist.',
  'apiError.CONSOLIDATION_INVITATION_PENDING':
    'Dieser Kollege hat bereits eine offene Einladung zum Zusammenführen. Warte auf seine Antwort oder zieh sie zurück.',
  'apiError.CONSOLIDATION_INVITATION_EXPIRED':
    'Diese Anfrage ist abgelaufen. Bitte deinen Kollegen, eine neue zu senden.',
  'apiError.CONSOLIDATION_INVITATION_DECLINED':
    'Diese Anfrage wurde abgelehnt. Bitte um eine neue, wenn du es dir anders überlegt hast.',
  'apiError.CONSOLIDATION_INVITATION_WITHDRAWN':
    'Diese Anfrage wurde von der Person zurückgezogen, die sie gesendet hat.',
  'apiError.CONSOLIDATION_INVITATION_ACCEPTED':
    'Diese Anfrage wurde bereits angenommen: Die Abonnements sind zusammengeführt.',
  'apiError.CONSOLIDATION_INVITATION_STALE':
    'Das Abonnement, in das du eingeladen wurdest, hat sich seit dem Senden der Anfrage geändert. Bitte um eine neue Anfrage, um die neuen Bedingungen zu sehen.',
  'email.mergeInvite.subject': '{inviter} möchte dein Outmerge-Abonnement zusammenführen',
  'email.mergeInvite.body':
    '{inviter} möchte dein Outmerge-Abonnement ({plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}}) in das Abonnement zusammenführen, das er für deine Organisation verwaltet. Deine Benutzer behalten dort ihre Lizenz; dein Abonnement endet, geht in den Besitz von {inviter} über, und seine bezahlte, ungenutzte Zeit (heute {credit}) wird dort als Guthaben angerechnet.',
  'email.mergeInvite.next':
    'Öffne das Lizenzportal, angemeldet mit deinem Microsoft 365-Konto, um die Einzelheiten zu sehen, und nimm an oder lehne ab. Die Anfrage läuft am {date} ab.',
  'email.mergeInvite.button': 'Anfrage ansehen',
  'email.mergeAccepted.subject': '{colleague} hat sein Abonnement in deines zusammengeführt',
  'email.mergeAccepted.body':
    '{colleague} hat angenommen: {seats, plural, one {# Lizenz} other {# Lizenzen}} in dein Abonnement verschoben, und {credit} wurde seiner nächsten Rechnung gutgeschrieben.',
  'email.mergeDeclined.subject': '{colleague} hat das Zusammenführen abgelehnt',
  'email.mergeDeclined.body':
    '{colleague} hat deine Einladung abgelehnt, sein Outmerge-Abonnement in deines zusammenzuführen. Es hat sich nichts geändert.',
  // Partners (P1–P5): the partner area, offer links, approval of requests, product keys.
  'apiError.PARTNER_NOT_FOUND':
    'Diese Partnerorganisation gibt es nicht, oder du gehörst nicht zu ihrem Team. Bitte ihren Inhaber, deine Adresse hinzuzufügen.',
  'apiError.PARTNER_EXISTS': 'Deine Organisation ist bereits Partner. Bitte ihren Inhaber, dich zum Team hinzuzufügen.',
  'apiError.PARTNER_STAFF_NOT_FOUND': 'Diese Person gehört nicht mehr zum Team des Partners. Aktualisiere die Liste.',
  'apiError.PARTNER_STAFF_OWNER': 'Der Inhaber des Partners kann nicht entfernt werden.',
  'apiError.OFFER_NOT_FOUND':
    'Dieser Angebotslink ist ungültig. Prüfe, ob du den ganzen Link geöffnet hast, oder bitte den Partner um einen neuen.',
  'apiError.OFFER_DISABLED': 'Der Partner hat dieses Angebot abgeschaltet. Bitte ihn um einen neuen Link.',
  'apiError.OFFER_EXPIRED': 'Dieses Angebot ist abgelaufen. Bitte den Partner um einen neuen Link.',
  'apiError.OFFER_USED':
    'Dieses Angebot war für einen einzigen Kunden und wurde bereits genutzt. Bitte den Partner um einen neuen Link.',
  'apiError.OFFER_ALREADY_REDEEMED':
    'Deine Organisation hat dieses Angebot bereits genutzt. Öffne deine Abonnements auf der Startseite.',
  'apiError.PARTNER_REQUEST_NOT_FOUND':
    'Dieser Freigabelink ist ungültig. Prüfe, ob du den ganzen Link aus der E-Mail geöffnet hast.',
  'apiError.PARTNER_REQUEST_USED':
    'Diese Anfrage wurde bereits beantwortet. Im Tab „Delegierte Administratoren“ deines Abonnements siehst du deine Partner.',
  'apiError.PARTNER_REQUEST_WITHDRAWN': 'Der Partner hat diese Anfrage zurückgezogen. Es wurde nichts gewährt.',
  'apiError.PARTNER_REQUEST_EXPIRED':
    'Diese Anfrage ist unbeantwortet abgelaufen. Bitte den Partner, eine neue zu senden.',
  'apiError.PARTNER_REQUEST_WRONG_ACCOUNT':
    'Diese Anfrage ist für eine andere Adresse. Melde dich mit dem Konto an, an das sie gesendet wurde (ein privates Browserfenster hilft), und öffne den Link dann erneut.',
  'apiError.RELATIONSHIP_NOT_FOUND':
    'Dieser Partner hat keinen Zugriff mehr auf dieses Abonnement. Lade die Seite neu.',
  'apiError.PRODUCT_KEY_INVALID':
    'Ein Produktschlüssel hat 30 Buchstaben und Ziffern in 6 Gruppen: XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX (früher gekaufte Schlüssel haben 5). Prüfe deine Eingabe.',
  'apiError.PRODUCT_KEY_NOT_FOUND':
    'Dieser Produktschlüssel ist ungültig. Prüfe ihn Zeichen für Zeichen oder frag deinen Partner.',
  'apiError.PRODUCT_KEY_USED':
    'Dieser Produktschlüssel wurde bereits eingelöst. Bitte deinen Partner um einen anderen.',
  'apiError.PRODUCT_KEY_EXPIRED': 'Dieser Produktschlüssel ist abgelaufen. Bitte deinen Partner um einen anderen.',
  'apiError.PRODUCT_KEY_PLAN_MISMATCH':
    'Dieser Schlüssel gilt für ein anderes Modell als dieses Abonnement. Wähle ein Abonnement mit demselben Modell oder ein neues Abonnement.',
  'apiError.PRODUCT_KEY_SEATS_MISMATCH':
    'Dieser Schlüssel passt nicht zu diesem Abonnement: Er würde mehr Lizenzen bezahlen, als das Abonnement hat (oder die Testversion behält). Erhöhe zuerst die Anzahl oder löse den Schlüssel für ein neues Abonnement ein.',
  'apiError.PARTNER_OWN_CUSTOMER':
    'Ein Partner kann seine eigenen Angebote und Produktschlüssel nicht nutzen: Sie sind für seine Kunden bestimmt.',
  'apiError.PARTNER_TRIAL_ALLOWANCE_EXCEEDED':
    'Dieser Partner kann im Moment keine weiteren Testlizenzen vergeben. Er kann beim Outmerge-Team ein größeres Testkontingent beantragen.',
  'apiError.TRIAL_OVER_LIMIT':
    'Eine Testversion hat höchstens so viele Lizenzen und Tage, wie das Outmerge-Team erlaubt. Wähle weniger Lizenzen oder eine kürzere Testphase.',
  'apiError.TRIAL_ALREADY_USED':
    'Deine Organisation hatte bereits eine Testversion dieses Modells, oder eine Testversion läuft gerade. Kaufe ein Abonnement, um weiterzumachen.',
  'apiError.TRIAL_AFTER_PURCHASE':
    'Deine Organisation bezahlt dieses Modell bereits, daher gibt es keine Testversion davon. Füge stattdessen deinem Abonnement Lizenzen hinzu.',
  'apiError.TRIAL_SEATS_FIXED':
    'Eine Testversion behält die Lizenzen, die sie erhalten hat. Kaufe ein Abonnement für mehr Lizenzen, oder hinterlege eine Karte, dann wird die Testversion an ihrem Ende kostenpflichtig.',
  'apiError.IDEMPOTENCY_KEY_REUSED':
    'Dieser Kauf wurde bereits mit anderen Angaben gesendet. Lade die Seite neu und versuche es noch einmal.',
  'apiError.IDEMPOTENCY_KEY_IN_USE':
    'Diese Zahlung wird noch verarbeitet. Versuche es in ein paar Minuten erneut: Du siehst dann ihr Ergebnis, und nichts wird doppelt abgebucht.',
  'apiError.REQUEST_TIMEOUT':
    'Deine Anfrage ist nicht rechtzeitig angekommen. Prüfe deine Verbindung und versuche es erneut.',
  'apiError.HEADERS_TOO_LARGE':
    'Dein Browser hat mehr Daten gesendet, als der Server annimmt. Lösche die Cookies dieser Website und versuche es erneut.',
  'apiError.partner.SUBSCRIPTION_NOT_FOUND':
    'Du hast keinen Zugriff mehr auf diesen Kunden: Sein Inhaber hat deine delegierte Administration beendet, oder sie ist abgelaufen. Bitte den Kunden, eine neue Anfrage freizugeben.',
  'apiError.partner.FORBIDDEN':
    'Der Kunde hat deinem Partner diese Berechtigung nicht erteilt, oder deine Rolle im Team erlaubt sie nicht. Sende dem Kunden eine neue Anfrage damit, oder frag den Inhaber deines Partners.',
  'partners.durationDays': '{days, plural, one {# Tag} other {# Tage}}',
  'partners.state.pending': 'Wartet auf Freigabe',
  'partners.state.request_expired': 'Anfrage abgelaufen',
  'partners.state.active': 'Aktiv',
  'partners.state.expired': 'Abgelaufen',
  'partners.state.declined': 'Abgelehnt',
  'partners.state.withdrawn': 'Zurückgezogen',
  'partners.state.ended': 'Vom Kunden beendet',
  'partners.role.owner': 'Inhaber des Partners',
  'partners.role.full': 'Vollständige Administration',
  'partners.role.limited': 'Eingeschränkte Administration',
  'partners.role.owner.explain': 'Alles, und verwaltet das Team',
  'partners.role.full.explain': 'Angebote, Anfragen, Schlüssel; handelt für Kunden mit dem, was sie gewährt haben',
  'partners.role.limited.explain': 'Sieht Kunden und weist nur Lizenzen zu',
  'partners.become.open': 'Partner werden',
  'partners.become.title': 'Deine Organisation zum Outmerge-Partner machen',
  'partners.become.explain':
    'Als Partner sendest du Kunden Testeinladungen und Kaufangebote, verwaltest ihre Abonnements, sobald sie zustimmen, kaufst Produktschlüssel für sie und siehst, was sich ändert. Du wirst Inhaber des Partners und kannst Kollegen hinzufügen.',
  'partners.become.name': 'Name des Partners',
  'partners.become.nameHint': 'Kunden sehen diesen Namen auf deinen Angeboten und Anfragen.',
  'partners.become.submit': 'Partner werden',
  'partners.area.open': 'Partnerbereich: {name}',
  'partners.area.title': 'Partnerbereich: {name}',
  'partners.area.advisorCode': 'Dein Beratercode (in jedem Angebotslink):',
  'partners.area.tabs': 'Bereiche des Partnerbereichs',
  'partners.tab.customers': 'Kunden',
  'partners.tab.offers': 'Angebote',
  'partners.tab.requests': 'Administrationsanfragen',
  'partners.tab.keys': 'Produktschlüssel',
  'partners.tab.staff': 'Team',
  'partners.tab.notifications': 'Benachrichtigungen',
  'partners.filter.active': 'Administration aktiv',
  'partners.filter.pending': 'Wartet auf Freigabe',
  'partners.filter.expired': 'Administration abgelaufen',
  'partners.filter.ended': 'Vom Kunden beendet',
  'partners.filter.none': 'Keine Administration',
  'partners.customers.explain':
    'Kunden, die über deine Angebote oder Schlüssel gekommen sind oder dir die delegierte Administration gewährt haben. Öffne einen, um an seinem Abonnement zu arbeiten, solange dein Zugriff aktiv ist.',
  'partners.customers.search': 'Suchen',
  'partners.customers.searchHint': 'Organisation, Inhaber, Mandant oder Abonnement',
  'partners.customers.status': 'Status',
  'partners.customers.anyStatus': 'Alle Status',
  'partners.customers.relationship': 'Delegierte Administration',
  'partners.customers.anyRelationship': 'Alle',
  'partners.customers.customer': 'Kunde',
  'partners.customers.seats': 'Lizenzen',
  'partners.customers.seatsUsed':
    '{assigned, number} von {quantity, plural, one {# Lizenz} other {# Lizenzen}} zugewiesen',
  'partners.customers.administration': 'Delegierte Administration',
  'partners.customers.until': 'bis {date}',
  'partners.customers.expiredOn': 'abgelaufen am {date}',
  'partners.customers.noAdministration': 'Keine',
  'partners.customers.ofRecord': 'du bist zuständiger Partner',
  'partners.customers.open': 'Öffnen',
  'partners.customers.openLabel': 'Abonnement von {customer} öffnen',
  'partners.customers.requestFirst': 'Braucht freigegebene Administration',
  'partners.customers.empty':
    'Noch keine Kunden. Erstelle ein Angebot und sende seinen Link, oder verkaufe einen Produktschlüssel.',
  'partners.customers.noMatch': 'Kein Kunde passt zu dieser Suche und diesen Filtern.',
  'partners.customers.range': '{from, number}–{to, number} von {total, plural, one {# Kunde} other {# Kunden}}',
  'partners.offers.explain':
    'Eine Testeinladung oder ein Kaufangebot ist ein Link mit deinem Beratercode. Kunden, die ihn nutzen, erhalten den Test oder das Abonnement, und du wirst ihr zuständiger Partner.',
  'partners.offers.new': 'Neues Angebot',
  'partners.offers.kind': 'Art des Angebots',
  'partners.offers.kind.trial': 'Testeinladung',
  'partners.offers.kind.purchase': 'Kaufangebot',
  'partners.offers.name': 'Name',
  'partners.offers.nameHint': 'Für dich und den Kunden, z. B. „Frühjahrsaktion“.',
  'partners.offers.plan': 'Modell',
  'partners.offers.seats': 'Lizenzen',
  'partners.offers.seatsInvalid': 'Gib eine ganze Zahl von 1 bis {max, number} ein.',
  'partners.offers.trialDays': 'Testdauer in Tagen',
  'partners.offers.trialDaysInvalid':
    'Eine Testphase dauert 1 bis {max, number} Tage: Gib eine ganze Zahl in diesem Bereich ein.',
  'partners.offers.trialSeatsInvalid':
    'Eine Testphase hat 1 bis {max, number} Lizenzen: Gib eine ganze Zahl in diesem Bereich ein.',
  'partners.offers.priceMonth': '{price} pro Monat zzgl. MwSt.',
  'partners.offers.priceYear': '{price} pro Jahr zzgl. MwSt.',
  'partners.offers.priceShown': 'Preis, den der Kunde sieht: {price}',
  'partners.offers.oneCustomer': 'Nur für einen Kunden (sonst können beliebig viele Kunden den Link nutzen)',
  'partners.offers.askAdministration': 'Auch um delegierte Administration bitten',
  'partners.offers.create': 'Link erstellen',
  'partners.offers.readOnly': 'Deine Rolle erlaubt dir, Angebote zu sehen, aber nicht, sie zu erstellen.',
  'partners.offers.linkReady': 'Der Link für „{name}“ ist bereit.',
  'partners.offers.linkOnce':
    'Kopiere ihn jetzt und sende ihn deinen Kunden: Aus Sicherheitsgründen wird er nur dieses eine Mal angezeigt.',
  'partners.offers.link': 'Angebotslink',
  'partners.offers.copy': 'Link kopieren',
  'partners.offers.copied': 'In die Zwischenablage kopiert.',
  'partners.offers.copyFailed': 'Der Browser hat das Kopieren nicht erlaubt. Markiere den Text und kopiere ihn selbst.',
  'partners.offers.list': 'Deine Angebote',
  'partners.offers.empty': 'Noch keine Angebote. Erstelle oben eines.',
  'partners.offers.what': 'Inhalt',
  'partners.offers.administration': 'Erbetene Administration',
  'partners.offers.noAdministration': 'Keine',
  'partners.offers.used': 'Genutzt',
  'partners.offers.usedBy': '{count, plural, =0 {Noch nicht genutzt} one {Von # Kunden} other {Von # Kunden}}',
  'partners.offers.usedOfOne': '{count, plural, =0 {Noch nicht genutzt} other {Genutzt}}',
  'partners.offers.linkStatus': 'Link',
  'partners.offers.active': 'Aktiv',
  'partners.offers.disabled': 'Abgeschaltet',
  'partners.offers.expired': 'Abgelaufen',
  'partners.offers.expires': 'bis {date}',
  'partners.offers.planSeats': '{plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}}',
  'partners.offers.trialLength': '{days, plural, one {# Tag} other {# Tage}} kostenlos',
  'partners.offers.disable': 'Abschalten',
  'partners.offers.enable': 'Einschalten',
  'partners.offers.disableLabel': 'Link von {name} abschalten',
  'partners.offers.enableLabel': 'Link von {name} einschalten',
  'partners.offers.disabledNotice': 'Der Link von „{name}“ funktioniert nicht mehr.',
  'partners.offers.enabled': 'Der Link von „{name}“ funktioniert wieder.',
  'partners.requests.explain':
    'Bitte den Inhaber des Abonnements eines Kunden um delegierte Administration. Nichts wird gewährt, bevor er in der E-Mail zustimmt; er kann sie jederzeit beenden, und sie endet von selbst, wenn ihre Dauer vorbei ist.',
  'partners.requests.new': 'Neue Anfrage',
  'partners.requests.email': 'E-Mail-Adresse des Inhabers beim Kunden',
  'partners.requests.emailHint': 'Die Person, der das Outmerge-Abonnement des Kunden gehört.',
  'partners.requests.duration': 'Dauer in Tagen',
  'partners.requests.durationHint': 'Von 1 Tag bis 2 Jahre (730 Tage).',
  'partners.requests.durationInvalid': 'Gib eine ganze Zahl von Tagen von 1 bis 730 ein.',
  'partners.requests.send': 'Anfrage senden',
  'partners.requests.sent': 'Anfrage per E-Mail an {email} gesendet. Hier siehst du, wenn geantwortet wird.',
  'partners.requests.list': 'Anfragen und Beziehungen',
  'partners.requests.empty': 'Noch keine Anfragen.',
  'partners.requests.customer': 'Kunde',
  'partners.requests.state': 'Status',
  'partners.requests.requestedBy': 'angefragt von {email} am {date}',
  'partners.requests.answerBy': 'offen bis {date}',
  'partners.requests.closedOn': 'am {date}',
  'partners.requests.withdraw': 'Zurückziehen',
  'partners.requests.withdrawLabel': 'Anfrage an {email} zurückziehen',
  'partners.requests.withdrawn': 'Die Anfrage an {email} ist zurückgezogen.',
  'partners.keys.explain':
    'Ein Produktschlüssel ist ein im Voraus bezahltes Abonnement (Modell, Lizenzen, Laufzeit). Gib ihn einem Kunden: Er löst ihn für ein neues Abonnement oder zur Verlängerung ein, und du wirst sein zuständiger Partner.',
  'partners.keys.buy': 'Produktschlüssel kaufen',
  'partners.keys.seats': 'Lizenzen pro Schlüssel',
  'partners.keys.termInMonths': 'Laufzeit in Monaten',
  'partners.keys.termInYears': 'Laufzeit in Jahren',
  'partners.keys.termInvalid': 'Gib eine ganze Zahl von 1 bis 36 ein.',
  'partners.keys.count': 'Anzahl der Schlüssel',
  'partners.keys.countInvalid': 'Gib eine ganze Zahl von 1 bis 100 ein.',
  'partners.keys.total': 'Gesamt: {amount}, inkl. Steuern',
  'partners.keys.card': 'Kartennummer',
  'partners.keys.cardHint': 'Bei simulierten Zahlungen verwende die Testkarte 4242 4242 4242 4242.',
  'partners.keys.pay': '{amount} bezahlen',
  'partners.keys.saveNow': 'Speichere diese Schlüssel jetzt: Sie werden nur dieses eine Mal angezeigt.',
  'partners.keys.boughtSummary':
    '{count, plural, one {# Schlüssel} other {# Schlüssel}} für {amount} gekauft. Outmerge behält nur die letzte Gruppe, niemand kann sie dir erneut anzeigen.',
  'partners.keys.alreadyShown': 'Diese Schlüssel wurden beim Kauf angezeigt; nur ihre letzte Gruppe ist übrig.',
  'partners.keys.copy': '{count, plural, one {Schlüssel kopieren} other {# Schlüssel kopieren}}',
  'partners.keys.copied': 'In die Zwischenablage kopiert. Bewahre die Schlüssel sicher auf.',
  'partners.keys.saved': 'Ich habe sie gespeichert',
  'partners.keys.list': 'Deine Schlüssel',
  'partners.keys.empty': 'Noch keine Schlüssel.',
  'partners.keys.key': 'Schlüssel',
  'partners.keys.bought': 'Gekauft',
  'partners.keys.termMonths': '{count, plural, one {# Monat} other {# Monate}}',
  'partners.keys.termYears': '{count, plural, one {# Jahr} other {# Jahre}}',
  'partners.keys.status.unused': 'Nicht eingelöst',
  'partners.keys.status.redeemed': 'Eingelöst',
  'partners.keys.status.expired': 'Abgelaufen',
  'partners.keys.redeemedOn': 'am {date}',
  'partners.keys.validUntil': 'gültig bis {date}',
  'partners.staff.explain':
    'Das Team meldet sich mit seinem Microsoft 365-Konto deiner Organisation an. Vollständige Administration arbeitet mit Angeboten, Anfragen und Schlüsseln und handelt für Kunden mit dem, was sie gewährt haben; eingeschränkte Administration sieht Kunden und weist Lizenzen zu.',
  'partners.staff.add': 'Kollegen hinzufügen',
  'partners.staff.email': 'E-Mail-Adresse',
  'partners.staff.role': 'Rolle',
  'partners.staff.addButton': 'Hinzufügen',
  'partners.staff.ownerOnly': 'Nur der Inhaber des Partners fügt Teammitglieder hinzu und entfernt sie.',
  'partners.staff.signedIn': 'Angemeldet',
  'partners.staff.since': 'ja, seit {date}',
  'partners.staff.notYet': 'noch nicht',
  'partners.staff.added': '{email} gehört zum Team: {role}.',
  'partners.staff.removed': '{email} gehört nicht mehr zum Team.',
  'partners.staff.removeLabel': '{email} aus dem Team entfernen',
  'partners.notifications.explain':
    'Änderungen bei den Kunden, deren zuständiger Partner du bist: Lizenzen, Menge, Verlängerungen und Kündigungen. Du bekommst sie auch als Zusammenfassung per E-Mail.',
  'partners.notifications.empty': 'Bei deinen Kunden hat sich noch nichts geändert.',
  'partners.notifications.emailed': 'Per E-Mail',
  'partners.notifications.yes': 'ja',
  'partners.notifications.notYet': 'in der nächsten Zusammenfassung',
  'partners.redeem.open': 'Produktschlüssel einlösen',
  'partners.redeem.title': 'Produktschlüssel einlösen',
  'partners.redeem.explain':
    'Dein Partner hat dir einen Schlüssel für ein Outmerge-Abonnement gegeben. Löse ihn für ein neues Abonnement ein, das dir gehört, oder verlängere damit eines deiner Abonnements mit demselben Modell.',
  'partners.redeem.key': 'Produktschlüssel',
  'partners.redeem.keyHint': '30 Zeichen: XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX (ältere Schlüssel: 25)',
  'partners.redeem.target': 'Verwenden für',
  'partners.redeem.newSubscription': 'Ein neues Abonnement',
  'partners.redeem.extend':
    'Verlängern: {plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}}, Verlängerung am {date}',
  'partners.redeem.submit': 'Einlösen',
  'partners.redeem.created':
    'Erledigt: ein neues Abonnement, {plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}}, bis {date}.',
  'partners.redeem.extended':
    'Erledigt: Das Abonnement ({plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}}) läuft jetzt bis {date}.',
  'offer.title': 'Angebot',
  'offer.heading': '{partner} bietet dir Outmerge an',
  'offer.what': 'Angebot',
  'offer.trialWhat':
    '{plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}}, {days, plural, one {# Tag} other {# Tage}} kostenlos',
  'offer.purchaseWhat': '{plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}}',
  'offer.price': 'Preis',
  'offer.partner': 'Partner',
  'offer.partnerValue': '{partner} (Beratercode {code})',
  'offer.validUntil': 'Gültig bis',
  'offer.trialExplain':
    'Keine Karte nötig. Füge vor dem Ende des Tests unter „Abrechnung“ eine Karte hinzu, um weiterzumachen; sonst endet er einfach.',
  'offer.administrationTitle': '{partner} bittet außerdem darum, das Abonnement {duration} lang zu verwalten:',
  'offer.administrationExplain':
    'Ohne deine Zustimmung wird nichts gewährt: Setze unten das Häkchen, oder stimme später in der E-Mail zu, die du bekommst. Du kannst es jederzeit im Tab „Delegierte Administratoren“ des Abonnements beenden.',
  'offer.signInFirst':
    'Melde dich mit deinem Microsoft 365-Geschäftskonto an, um dieses Angebot zu nutzen. Das Abonnement gehört dann deiner Organisation.',
  'offer.signedInAs': 'Du bist als {email} angemeldet; das Abonnement gehört dann dir.',
  'offer.card': 'Kartennummer',
  'offer.approveNow': 'Delegierte Administration durch {partner} gleich jetzt freigeben',
  'offer.startTrial': 'Test starten',
  'offer.buy': 'Für {price} kaufen',
  'offer.trialStarted': 'Dein Test hat begonnen.',
  'offer.bought': 'Danke: Dein Abonnement ist bezahlt und bereit.',
  'offer.approvalEmailed': 'Wir haben dir die Administrationsanfrage von {partner} zur Freigabe per E-Mail gesendet.',
  'approve.signInFirst':
    'Melde dich mit dem Microsoft 365-Konto an, an das die Anfrage gesendet wurde (dem Inhaber des Abonnements), um sie zu prüfen.',
  'approve.titleGeneric': 'Anfrage für delegierte Administration',
  'approve.title': '{partner} möchte dein Outmerge-Abonnement verwalten',
  'approve.explain':
    '{partner} (Beratercode {code}; angefragt von {by}) möchte dir helfen, dein Abonnement mit diesen Berechtigungen zu verwalten:',
  'approve.permissions': 'Berechtigungen',
  'approve.duration': 'Für:',
  'approve.endAnyTime':
    'Der Zugriff endet nach dieser Zeit von selbst. Du kannst ihn jederzeit früher im Tab „Delegierte Administratoren“ des Abonnements beenden.',
  'approve.answerBy': 'Diese Anfrage bleibt bis {date} offen.',
  'approve.for': 'Für dein Abonnement: {subscription}',
  'approve.choose': 'Welches Abonnement darf der Partner verwalten?',
  'approve.subscription': '{plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}} ({status})',
  'approve.noSubscription':
    'Dir ({email}) gehört kein Abonnement, für das diese Anfrage gelten kann. Melde dich mit dem Konto des Inhabers an.',
  'approve.approve': 'Freigeben',
  'approve.decline': 'Ablehnen',
  'approve.done': 'Freigegeben: {partner} darf dein Abonnement bis {date} verwalten.',
  'approve.declined': 'Abgelehnt: {partner} hat keinen Zugriff auf dein Abonnement.',
  'customerPartners.title': 'Partner',
  'customerPartners.explain':
    'Partnerorganisationen mit delegierter Administration dieses Abonnements oder die darum bitten. Ihr Team handelt mit diesen Berechtigungen bis zum angezeigten Datum.',
  'customerPartners.none': 'Kein Partner verwaltet dieses Abonnement.',
  'customerPartners.partner': 'Partner',
  'customerPartners.code': 'Beratercode {code}',
  'customerPartners.end': 'Zugriff beenden',
  'customerPartners.endLabel': 'Zugriff beenden für {partner}',
  'customerPartners.declineLabel': 'Anfrage von {partner} ablehnen',
  'customerPartners.endTitle': 'Zugriff von {partner} beenden?',
  'customerPartners.endExplain':
    'Das Team von {partner} kann dieses Abonnement ab sofort weder sehen noch ändern. Um wieder zusammenzuarbeiten, muss der Partner eine neue Anfrage senden.',
  'customerPartners.declineTitle': 'Anfrage von {partner} ablehnen?',
  'customerPartners.declineExplain': '{partner} erhält keinen Zugriff auf dieses Abonnement.',
  'customerPartners.ended': '{partner} hat keinen Zugriff mehr auf dieses Abonnement.',
  'customerPartners.declined': 'Du hast die Anfrage von {partner} abgelehnt.',
  'email.productKeys.subject': 'Deine Outmerge-Produktschlüssel',
  'email.productKeys.intro':
    '{partner} hat {count, plural, one {# Produktschlüssel} other {# Produktschlüssel}} gekauft: {plan}, {seats, plural, one {# Lizenz} other {# Lizenzen}}, je {term}. Gib jeden Schlüssel nur einem Kunden; er löst ihn im Lizenzportal ein.',
  'email.productKeys.key': '{key}',
  'email.productKeys.keep':
    'Bewahre diese E-Mail auf: Outmerge speichert nur einen Fingerabdruck jedes Schlüssels und kann sie nicht erneut anzeigen. Unbenutzte Schlüssel verfallen am {date}.',
  'email.productKeys.button': 'Produktschlüssel einlösen',
  'email.productKeys.termMonths': '{count, plural, one {# Monat} other {# Monate}}',
  'email.productKeys.termYears': '{count, plural, one {# Jahr} other {# Jahre}}',
  'partners.keys.emailed': 'Wir haben sie dir auch per E-Mail an {email} geschickt.',
  'partners.keys.invoices': 'Rechnungen',
  'partners.keys.invoiceNumber': 'Rechnung',
  'partners.keys.invoiceTotal': 'Summe',
  'partners.keys.print': 'Drucken',
  'partners.keys.printInvoice': 'Rechnung {number} drucken',
  'email.paymentFailed.subject': 'Dein Outmerge-Abonnement konnte nicht verlängert werden',
  'email.paymentFailed.intro':
    'Die Verlängerung deines Outmerge-Abonnements ({plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}}) konnte nicht abgebucht werden: Rechnung {invoice}, {amount}.',
  'email.paymentFailed.what':
    'Deine Benutzer bleiben bis zum {date} lizenziert. Bezahle die Rechnung oder ersetze die Karte vorher unter Abrechnung; sonst läuft das Abonnement ab und Nachrichten tragen wieder die Outmerge-Fußzeile.',
  'email.paymentFailed.button': 'Abonnement öffnen',
  'email.expired.subject': 'Dein Outmerge-Abonnement ist abgelaufen',
  'email.expired.intro':
    'Dein Outmerge-Abonnement ({plan}, {quantity, plural, one {# Lizenz} other {# Lizenzen}}) ist abgelaufen: Seine Verlängerung wurde in der Kulanzfrist nicht bezahlt.',
  'email.expired.what':
    'Die Nachrichten deiner Benutzer tragen wieder die Outmerge-Fußzeile. Wenn du die offene Rechnung unter Abrechnung bezahlst, ist das Abonnement sofort wieder aktiv, mit allen Lizenzen wie zuvor.',

  // Lizenzen, die Microsoft 365-Gruppen folgen (Issue 17).
  'groups.title': 'Microsoft 365-Gruppen',
  'groups.explain':
    'Mitglieder der verknüpften Gruppen erhalten eine Lizenz, soweit gekaufte Lizenzen frei sind; wer alle verknüpften Gruppen verlässt, verliert bei der nächsten Synchronisierung die Lizenz, die eine Gruppe ihm gegeben hat. Von Hand zugewiesene Lizenzen bleiben, wie sie sind, und wer in zwei Gruppen ist, belegt eine Lizenz. Verknüpfen lassen sich nur Gruppen aus dem eigenen Microsoft 365-Mandanten deiner Organisation.',
  'groups.none': 'Noch keine Gruppe verknüpft: Suche unten eine.',
  'groups.search': 'Gruppe deiner Organisation suchen',
  'groups.searchHint': 'Der Anfang eines Wortes ihres Namens; leer lassen, um die ersten Gruppen aufzulisten.',
  'groups.searchButton': 'Suchen',
  'groups.searching': 'Suche läuft…',
  'groups.noResults': 'Keine Gruppe deiner Organisation passt zu „{text}“.',
  'groups.results': 'Gefundene Gruppen',
  'groups.link': 'Verknüpfen',
  'groups.linkLabel': 'Gruppe {name} verknüpfen',
  'groups.alreadyLinked': 'Verknüpft',
  'groups.linkedNotice':
    'Die Gruppe {name} ist verknüpft: {added, plural, =0 {keine Lizenz vergeben} one {# Mitglied hat eine Lizenz erhalten} other {# Mitglieder haben eine Lizenz erhalten}}.',
  'groups.notLinkable':
    'Verteilerlisten vergeben keine Lizenzen: Nimm eine Sicherheitsgruppe oder eine Microsoft 365-Gruppe.',
  'groups.kind.security': 'Sicherheitsgruppe',
  'groups.kind.microsoft365': 'Microsoft 365-Gruppe',
  'groups.kind.distribution': 'Verteilerliste',
  'groups.name': 'Gruppe',
  'groups.kind': 'Typ',
  'groups.membersColumn': 'Mitglieder',
  'groups.lastRead': 'Zuletzt gelesen',
  'groups.memberCount': '{count, plural, one {# Mitglied} other {# Mitglieder}}',
  'groups.unlink': 'Verknüpfung lösen',
  'groups.unlinkLabel': 'Verknüpfung der Gruppe {name} lösen',
  'groups.unlinkTitle': 'Verknüpfung mit {name} lösen?',
  'groups.unlinkExplain':
    'Die Lizenzen, die diese Gruppe vergeben hat, werden sofort entfernt, außer die Person ist in einer anderen verknüpften Gruppe; sie erhält eine E-Mail. Von Hand zugewiesene Lizenzen bleiben.',
  'groups.unlinkedNotice': 'Die Gruppe {name} ist nicht mehr verknüpft.',
  'groups.syncNow': 'Jetzt synchronisieren',
  'groups.syncing': 'Synchronisierung läuft…',
  'groups.syncedNotice':
    'Synchronisiert: {added, plural, =0 {keine Lizenz vergeben} one {# Lizenz vergeben} other {# Lizenzen vergeben}}, {removed, plural, =0 {keine entfernt} one {# entfernt} other {# entfernt}}.',
  'groups.lastSync': 'Letzte Synchronisierung {when}: {result}',
  'groups.neverSynced': 'Noch nicht synchronisiert.',
  'groups.running': 'Eine Synchronisierung läuft.',
  'groups.changes':
    '{added, plural, =0 {keine Lizenz vergeben} one {# Lizenz vergeben} other {# Lizenzen vergeben}}, {removed, plural, =0 {keine entfernt} one {# entfernt} other {# entfernt}}',
  'groups.result.ok': 'abgeschlossen',
  'groups.result.consent_missing':
    'angehalten. Outmerge darf deine Gruppen nicht lesen: Ein Administrator deines Microsoft 365-Mandanten hat die Berechtigungen nicht erteilt oder sie entzogen. Die Lizenzen bleiben, wie sie sind, bis sie wieder erteilt werden.',
  'groups.result.group_not_found':
    'eine verknüpfte Gruppe gibt es in Microsoft 365 nicht mehr: Löse die Verknüpfung. Bis dahin bleiben ihre Lizenzen.',
  'groups.result.throttled':
    'Microsoft 365 hat Outmerge gebeten, langsamer zu werden; die nächste Synchronisierung versucht es erneut. Die Lizenzen bleiben, wie sie sind.',
  'groups.result.unavailable':
    'Microsoft 365 war nicht erreichbar; die nächste Synchronisierung versucht es erneut. Die Lizenzen bleiben, wie sie sind.',
  'groups.result.credentials_invalid':
    'angehalten: Microsoft 365 hat die Anmeldedaten dieser Outmerge-Installation abgelehnt. Sag den Betreibern Bescheid.',
  'groups.result.tenant_not_found':
    'angehalten: Microsoft 365 kennt den Mandanten deiner Organisation nicht. Sag den Betreibern von Outmerge Bescheid.',
  'groups.readError': 'Nicht lesbar: {result}',
  'groups.consentTitle': 'Berechtigung deines Microsoft 365-Administrators nötig',
  'groups.consentExplain':
    'Um deine Gruppen ohne angemeldete Person zu lesen, braucht Outmerge zwei Anwendungsberechtigungen in deinem Mandanten: GroupMember.Read.All (deine Gruppen und wer darin ist) und User.Read.All (die Adressen der Mitglieder). Nur ein Administrator deines Mandanten kann sie erteilen.',
  'groups.consentLink': 'Berechtigungen erteilen (Administratoren)',
  'groups.consentGranted': 'Dein Administrator hat die Berechtigungen erteilt. Suche unten eine Gruppe.',
  'groups.consentRefused': 'Die Berechtigungen wurden nicht erteilt: {description}',
  'groups.waitingTitle': 'Warten auf eine Lizenz',
  'groups.waitingExplain':
    '{count, plural, one {# Mitglied hat} other {# Mitglieder haben}} keine Lizenz: Alle Lizenzen sind vergeben. Kaufe {buy, plural, one {# weitere Lizenz} other {# weitere Lizenzen}}, damit alle eine erhalten; sie werden bei der nächsten Synchronisierung vergeben.',
  'groups.waitingSince': 'seit {when} in der Gruppe',
  'groups.waitingMore': '…und {count, number} weitere.',
  'groups.guests':
    '{count, plural, one {# Gast ist} other {# Gäste sind}} in den verknüpften Gruppen. Gäste erhalten über eine Gruppe keine Lizenz: Ihre Nachrichten gehen von ihrer eigenen Organisation aus.',
  'groups.readOnly':
    'Gruppen verknüpfen der Inhaber und die delegierten Administratoren, die Lizenzen zuweisen dürfen.',
  'groups.region': 'Lizenzen aus Microsoft 365-Gruppen',
  'paneAdmin.groups': 'Die Lizenzen folgen {count, plural, one {der Gruppe} other {den Gruppen}} {names}.',
  'paneAdmin.groupsLastSync': 'Letzte Synchronisierung {when}: {result}',
  'paneAdmin.groupsWaiting': '{count, plural, one {# Mitglied wartet} other {# Mitglieder warten}} auf eine Lizenz.',
  'email.welcome.introGroup':
    'Deine Organisation hat dir eine Outmerge-Lizenz gegeben, weil du Mitglied der Microsoft 365-Gruppe {group} bist. Deine Serien-E-Mails aus Outlook werden jetzt ohne die Outmerge-Fußzeile gesendet.',
  'email.seatRemovedByGroup.body':
    'Du bist in keiner Microsoft 365-Gruppe mehr, die dir eine Outmerge-Lizenz gibt, deshalb wurde sie entfernt. Deine Serien-E-Mails enthalten wieder die Outmerge-Fußzeile. Wenn das ein Versehen ist, bitte deine IT-Abteilung, dich wieder in die Gruppe aufzunehmen.',
  'journal.action.group.linked': 'Gruppe verknüpft',
  'journal.action.group.unlinked': 'Gruppenverknüpfung gelöst',
  'journal.action.group.sync_stopped': 'Gruppensynchronisierung angehalten',
  'journal.role.group_sync': 'Gruppensynchronisierung (automatisch)',
  'apiError.GROUP_NOT_FOUND':
    'Diese Gruppe gibt es im Microsoft 365-Mandanten deiner Organisation nicht. Suche erneut und wähle eine aus der Liste.',
  'apiError.GROUP_NOT_SUPPORTED':
    'Verteilerlisten vergeben keine Lizenzen: Verknüpfe eine Sicherheitsgruppe oder eine Microsoft 365-Gruppe.',
  'apiError.GROUP_LINK_NOT_FOUND': 'Diese Gruppe ist nicht (mehr) verknüpft. Lade die Seite neu.',
  'apiError.GROUP_LIMIT_REACHED':
    'Ein Abonnement folgt höchstens 20 Gruppen. Löse zuerst eine Verknüpfung oder nimm eine Gruppe, in der alle sind.',
  'apiError.GROUP_CONSENT_MISSING':
    'Outmerge darf deine Gruppen noch nicht lesen: Ein Administrator deines Microsoft 365-Mandanten muss die Berechtigungen über den angezeigten Link erteilen.',
  'apiError.GROUP_SYNC_BUSY': 'Eine Synchronisierung dieses Abonnements läuft bereits. Schau gleich noch einmal nach.',
  'apiError.GROUP_SYNC_UNAVAILABLE':
    'Microsoft 365 ist gerade nicht erreichbar. Versuche es in ein paar Minuten erneut.',
  'apiError.GROUP_SYNC_NOT_CONFIGURED':
    'Die Gruppensynchronisierung ist in dieser Outmerge-Installation nicht eingerichtet (sie braucht den geheimen Clientschlüssel der App-Registrierung). Sag den Betreibern Bescheid.',
  'problems.suppressed.unsubscribed': 'Zeile {row} ({address}) wird ausgelassen: Diese Adresse hat sich abgemeldet.',
  'problems.suppressed.bounced':
    'Zeile {row} ({address}) wird ausgelassen: Eine Nachricht an diese Adresse kam in einer früheren Kampagne unzustellbar zurück.',
  'report.skip.suppressed.unsubscribed': 'abgemeldet',
  'report.skip.suppressed.bounced': 'in einer früheren Kampagne unzustellbar',
  'inbox.title': 'Unzustellbare Nachrichten, Abmeldungen und Antworten',
  'inbox.enable': 'Unzustellbarkeitsberichte, Abmeldungen und Antworten in meinem Postfach lesen',
  'inbox.enableHint':
    'Der Bereich liest deinen Posteingang und deine gesendeten Elemente und führt die Sperrliste in einem ausgeblendeten Ordner deines Postfachs; nichts geht an den Outmerge-Server. Microsoft 365 fragt dich eventuell, ob du das Lesen und Schreiben deiner E-Mails erlaubst (Mail.ReadWrite).',
  'inbox.unsubscribeLine': 'Jeder Nachricht eine Abmeldezeile hinzufügen',
  'inbox.suppressedCount':
    '{count, plural, =0 {Niemand steht auf deiner Sperrliste.} one {# Adresse steht auf deiner Sperrliste: spätere Kampagnen lassen sie aus.} other {# Adressen stehen auf deiner Sperrliste: spätere Kampagnen lassen sie aus.}}',
  'inbox.loading': 'Dein Postfach wird gelesen…',
  'inbox.failed':
    'Dein Postfach konnte nicht gelesen werden ({message}). Versuche es gleich noch einmal; wenn es weiter fehlschlägt, schalte die Option aus und wieder ein.',
  'unsubscribe.sentence': 'Du möchtest diese E-Mails nicht mehr erhalten?',
  'unsubscribe.link': 'Abmelden',
  'unsubscribe.word': 'Abmeldung',
  'report.inbox.check': 'Unzustellbare Nachrichten und Antworten prüfen',
  'report.inbox.needsOption':
    'Um unzustellbare Nachrichten und Antworten zu sehen, schalte vor dem Senden „Unzustellbarkeitsberichte, Abmeldungen und Antworten in meinem Postfach lesen“ ein.',
  'report.inbox.summary':
    'Von Exchange angenommen: {accepted} · unzustellbar: {bounced} · noch ausstehend: {waiting} · beantwortet: {replied}',
  'report.delivery.waiting': 'wartet noch auf Exchange',
  'report.delivery.accepted': 'von Exchange angenommen',
  'report.delivery.bounced': 'unzustellbar: {status} {reason}',
  'report.delivery.replied': 'beantwortet',
  'report.inbox.suppressBounced':
    '{count, plural, one {Die unzustellbare Adresse künftig auslassen} other {Die # unzustellbaren Adressen künftig auslassen}}',
  'report.inbox.suppressedDone':
    '{count, plural, one {# Adresse zur Sperrliste hinzugefügt.} other {# Adressen zur Sperrliste hinzugefügt.}}',
  'report.inbox.followUpDays': 'Zeilen ohne Antwort nachfassen nach (Tagen)',
  'report.inbox.followUp':
    '{count, plural, =0 {Noch keine Zeile zum Nachfassen} one {Bei der Zeile ohne Antwort nachfassen} other {Bei den # Zeilen ohne Antwort nachfassen}}',
  'report.inbox.followUpNotYet':
    '{count, plural, =0 {Keine Zeile wartet auf ein Nachfassen.} one {# Zeile ohne Antwort ist noch nicht fällig: sie wurde vor weniger als {days} Tagen gesendet.} other {# Zeilen ohne Antwort sind noch nicht fällig: sie wurden vor weniger als {days} Tagen gesendet.}}',
  'followUp.notice':
    '{count, plural, one {Nachfassen: Schreibe die zweite Nachricht in diesem Verfassen-Fenster und sende sie als neue Kampagne. Nur die Zeile ohne Antwort erhält sie.} other {Nachfassen: Schreibe die zweite Nachricht in diesem Verfassen-Fenster und sende sie als neue Kampagne. Nur die # Zeilen ohne Antwort erhalten sie.}}',
  'followUp.cancel': 'Stattdessen an alle Zeilen senden',
};
