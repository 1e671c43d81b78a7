// bottleneck/light.js is the Redis-free build @octokit/plugin-throttling uses; the package ships
// types for its main entry only, which this build matches.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
