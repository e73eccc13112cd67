// a JSX expression inside a React component
export const Example = () => (
  <>
/*SNIPPET*/
  </>
);
