using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Slack.Requests;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Slack;

/// <summary>
/// One piece of background work: a turn to run and answer, or (when <see cref="Response"/> is set)
/// the already-computed answer of a turn that ran inside its acknowledgement.
/// </summary>
public sealed record SlackWork(SlackTurn Turn, Response? Response = null);

/// <summary>Between acknowledging a request and running its turn: bounded, so a flood cannot exhaust memory.</summary>
public sealed class SlackInbox(IOptions<SlackOptions> options)
{
    private readonly Channel<SlackWork> _channel = Channel.CreateBounded<SlackWork>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = false,
        SingleWriter = false,
    });

    public ChannelReader<SlackWork> Reader => _channel.Reader;

    /// <summary>False when the queue is full: the caller tells Slack to come back later.</summary>
    public bool TryEnqueue(SlackWork work) => _channel.Writer.TryWrite(work);
}
