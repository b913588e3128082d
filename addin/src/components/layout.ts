/**
 * The pages' layout classes, in Fluent's spacing tokens (Griffel's makeStyles, as Fluent's own
 * components and the Office task-pane React template style): stacks and rows with a gap, and the
 * few spacings every screen uses. A component combines them with mergeClasses and keeps what is
 * its own in a makeStyles beside it; style={…} is for values known only at run time (lint).
 */
import { makeStyles, tokens } from '@fluentui/react-components';

const column = { display: 'flex', flexDirection: 'column' } as const;

export const useLayout = makeStyles({
  /** Lines under each other without a gap: a table cell's value and its caption. */
  lines: column,
  stackXXS: { ...column, gap: tokens.spacingVerticalXXS },
  stackXS: { ...column, gap: tokens.spacingVerticalXS },
  stackSNudge: { ...column, gap: tokens.spacingVerticalSNudge },
  stackS: { ...column, gap: tokens.spacingVerticalS },
  stackM: { ...column, gap: tokens.spacingVerticalM },
  stackL: { ...column, gap: tokens.spacingVerticalL },
  /** Buttons side by side. */
  row: { display: 'flex', gap: tokens.spacingHorizontalS },
  rowWrap: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  rowWrapM: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  rowCenter: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  /** Fields and their button on one line, wrapping on narrow screens, aligned on the inputs. */
  fieldsRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  /** First and last item at either end of a line (a heading and its action, Previous and Next). */
  spread: { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
  /** Items of a stack keep their own width (a button under a form). */
  start: { alignSelf: 'flex-start' },
  itemsStart: { alignItems: 'flex-start' },
  /** Forms and cards no wider than a comfortable line. */
  narrow: { maxWidth: '640px' },
  wide: { maxWidth: '720px' },
  flush: { margin: 0 },
  /** A list indented as body text; spaced, inside a message. */
  list: { margin: 0, paddingLeft: '20px' },
  listSpaced: { margin: `${tokens.spacingVerticalXS} 0`, paddingLeft: '20px' },
  padded: { padding: tokens.spacingHorizontalL },
  topS: { marginTop: tokens.spacingVerticalS },
  topM: { marginTop: tokens.spacingVerticalM },
  /** Space above and below: a block between others in a step. */
  spacedS: { margin: `${tokens.spacingVerticalS} 0` },
  bottomXS: { marginBottom: tokens.spacingVerticalXS },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  /** A data table sized by its content, at least a small screen's width (inside a TableRegion, which scrolls when narrower). */
  dataTable: { tableLayout: 'auto', minWidth: '560px' },
  /** A tab list whose tabs go on a second line rather than past the screen's edge (a phone, a 320-pixel pane). */
  tabsWrap: { flexWrap: 'wrap' },
  /** Present for assistive technology and scripts (a file input behind a button), not shown. */
  hidden: { display: 'none' },
  fullWidth: { width: '100%' },
});
