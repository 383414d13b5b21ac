// Shared test setup: UTC clocks and the aws-sdk-client-mock matchers.
import 'aws-sdk-client-mock-vitest/extend';

process.env.TZ = 'UTC';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
