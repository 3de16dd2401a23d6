using LwM2MSparkplug.KafkaBridge.Delivery;

namespace LwM2MSparkplug.KafkaBridge.Tests.Delivery;

public sealed class AcknowledgementQueueTests
{
    [Fact]
    public void Acknowledgements_AreReleasedInReceiveOrder_EvenWhenKafkaConfirmsOutOfOrder()
    {
        var queue = new AcknowledgementQueue<string>();
        var a = queue.Enqueue("a");
        var b = queue.Enqueue("b");
        var c = queue.Enqueue("c");

        Assert.Empty(queue.Complete(c));
        Assert.Empty(queue.Complete(b));
        Assert.Equal(["a", "b", "c"], queue.Complete(a));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Complete_OfAnUnknownOrRepeatedTicket_ReleasesNothing()
    {
        var queue = new AcknowledgementQueue<string>();
        var a = queue.Enqueue("a");

        Assert.Equal(["a"], queue.Complete(a));
        Assert.Empty(queue.Complete(a));
        Assert.Empty(queue.Complete(999));
    }

    [Fact]
    public void ConcurrentCompletions_ReleaseEachItemExactlyOnce()
    {
        var queue = new AcknowledgementQueue<int>();
        var tickets = Enumerable.Range(0, 10_000).Select(queue.Enqueue).ToArray();
        var released = new System.Collections.Concurrent.ConcurrentBag<int>();

        Parallel.ForEach(tickets.Reverse(), ticket =>
        {
            foreach (var item in queue.Complete(ticket))
            {
                released.Add(item);
            }
        });

        Assert.Equal(Enumerable.Range(0, 10_000), released.Order());
    }
}
