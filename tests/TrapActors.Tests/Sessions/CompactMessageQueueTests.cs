using Akka.Actor;
using Akka.Dispatch.MessageQueues;
using TrapActors.Sessions;
using Xunit;

namespace TrapActors.Tests.Sessions;

/// <summary>The sessions' mailbox queue (decision 0040): FIFO, nothing lost under concurrent producers, small when empty.</summary>
public sealed class CompactMessageQueueTests
{
    private static Envelope Message(object message) => new(message, ActorRefs.Nobody);

    private static List<object> Drain(CompactMessageQueue queue)
    {
        var messages = new List<object>();
        while (queue.TryDequeue(out var envelope))
            messages.Add(envelope.Message);
        return messages;
    }

    [Fact]
    public void One_message_waits_without_a_ring_and_a_second_makes_one()
    {
        var queue = new CompactMessageQueue();
        Assert.False(queue.HasMessages);
        Assert.False(queue.TryDequeue(out _));

        queue.Enqueue(ActorRefs.Nobody, Message(1));
        Assert.True(queue.HasMessages);
        Assert.Equal(0, queue.Capacity);
        queue.Enqueue(ActorRefs.Nobody, Message(2));
        Assert.Equal(CompactMessageQueue.FirstCapacity, queue.Capacity);

        Assert.Equal([1, 2], Drain(queue));
        Assert.False(queue.HasMessages);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Order_is_kept_across_growth_and_wrap_around_and_a_large_ring_is_let_go_when_empty()
    {
        var queue = new CompactMessageQueue();
        var expected = new List<object>();
        var received = new List<object>();
        var next = 0;
        // Interleaved: the head moves round the ring while it grows.
        for (var round = 0; round < 40; round++)
        {
            for (var i = 0; i < 3; i++)
            {
                expected.Add(next);
                queue.Enqueue(ActorRefs.Nobody, Message(next++));
            }
            Assert.True(queue.TryDequeue(out var envelope));
            received.Add(envelope.Message);
        }
        Assert.Equal(80, queue.Count);
        Assert.True(queue.Capacity > CompactMessageQueue.KeptCapacity);

        received.AddRange(Drain(queue));
        Assert.Equal(expected, received);
        Assert.Equal(0, queue.Capacity);
    }

    [Fact]
    public void A_small_ring_is_kept_when_the_queue_empties()
    {
        var queue = new CompactMessageQueue();
        for (var i = 0; i < 5; i++)
            queue.Enqueue(ActorRefs.Nobody, Message(i));
        Assert.Equal([0, 1, 2, 3, 4], Drain(queue));
        Assert.Equal(8, queue.Capacity);
    }

    [Fact]
    public async Task Concurrent_producers_and_one_consumer_lose_nothing_and_keep_each_producers_order()
    {
        const int Producers = 4;
        const int PerProducer = 50_000;
        var queue = new CompactMessageQueue();
        using var start = new Barrier(Producers + 1);
        var producers = Enumerable.Range(0, Producers).Select(p => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < PerProducer; i++)
                queue.Enqueue(ActorRefs.Nobody, Message((p, i)));
        }, TaskCreationOptions.LongRunning)).ToArray();

        var consumer = Task.Factory.StartNew(() =>
        {
            var next = new int[Producers];
            var received = 0;
            start.SignalAndWait();
            // Bounded: every producer finishes, so the count is reached; the test's timeout below catches a hang.
            while (received < Producers * PerProducer)
            {
                if (!queue.TryDequeue(out var envelope))
                {
                    Thread.Yield();
                    continue;
                }
                var (p, i) = ((int, int))envelope.Message;
                Assert.Equal(next[p], i);
                next[p]++;
                received++;
            }
            return next;
        }, TaskCreationOptions.LongRunning);

        await Task.WhenAll(producers).WaitAsync(TimeSpan.FromMinutes(2));
        var counts = await consumer.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.All(counts, c => Assert.Equal(PerProducer, c));
        Assert.False(queue.HasMessages);
        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public void Clean_up_hands_what_is_left_to_dead_letters_in_order()
    {
        var queue = new CompactMessageQueue();
        for (var i = 0; i < 3; i++)
            queue.Enqueue(ActorRefs.Nobody, Message(i));
        var deadLetters = new CompactMessageQueue();

        queue.CleanUp(ActorRefs.Nobody, deadLetters);

        Assert.False(queue.HasMessages);
        Assert.Equal([0, 1, 2], Drain(deadLetters));
    }
}
