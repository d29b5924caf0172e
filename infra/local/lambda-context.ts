import type { Context } from 'aws-lambda';

/** A Lambda context good enough for the handlers: names, request id and a deadline from the function's timeout. */
export function lambdaContext(options: { name: string; memoryMb: number; timeoutSeconds: number; requestId: string; region: string }): Context {
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  const functionName = `clerq-local-${options.name}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${options.region}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(options.memoryMb),
    awsRequestId: options.requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    // middy reads this to time out early, as in AWS: a slow local request fails like a slow Lambda.
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
