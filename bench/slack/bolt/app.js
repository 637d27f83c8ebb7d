// Bolt for JavaScript acknowledging the same signed slash command (the comparison in bench/README.md).
const { App } = require('@slack/bolt');

const app = new App({
  token: 'xoxb-bench',
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  tokenVerificationEnabled: false,
  // Known up front, so Bolt does not ask slack.com (auth.test) on the first request.
  botId: 'BBENCH',
  botUserId: 'UBENCH',
});

app.command(/.*/, async ({ ack }) => {
  await ack();
});

(async () => {
  await app.start(Number(process.env.PORT || 5302));
  console.log('bolt ready');
})();
