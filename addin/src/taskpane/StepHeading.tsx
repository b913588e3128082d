import { Subtitle2 } from '@fluentui/react-components';

export function StepHeading({ id, number, title }: { id: string; number: number; title: string }) {
  return (
    <Subtitle2 as="h2" id={id} block style={{ margin: '16px 0 4px' }}>
      {number}. {title}
    </Subtitle2>
  );
}
