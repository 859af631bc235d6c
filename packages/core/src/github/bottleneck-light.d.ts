// plugin-throttling's own limiter build; bottleneck types only its full entry point.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
