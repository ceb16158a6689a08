// A CommonJS application on the CommonJS build.
const checkMetrics = require('./check-metrics.cjs');

checkMetrics({
  metrics: require('@opentelemetry/api').metrics,
  sdk: require('@opentelemetry/sdk-metrics'),
  core: require('nestjs-alternator/core'),
  testing: require('nestjs-alternator/testing'),
  label: 'the CommonJS build',
}).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
