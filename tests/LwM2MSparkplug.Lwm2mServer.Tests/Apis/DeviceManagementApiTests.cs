using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Apis;

/// <summary>Input the REST API cannot use is a 400 (or 415) problem naming what is wrong, never a 500.</summary>
public sealed class DeviceManagementApiTests(Lwm2mServerFixture server) : IClassFixture<Lwm2mServerFixture>
{
    const string Device = $"/api/devices/{Lwm2mServerFixture.Endpoint}";

    CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string?, string> MalformedRequests => new()
    {
        { "PUT", $"{Device}/3/0/14", "{}", "'value'" },
        { "PUT", $"{Device}/3/0/14", """{"args":1}""", "'value'" },
        { "PUT", $"{Device}/3/0/14", "null", "body" },
        { "PUT", $"{Device}/3/0/14", "", "body" },
        { "PUT", $"{Device}/3/0/14", "{", "JSON" },
        { "PUT", $"{Device}/3/0/14", """{"value":[1]}""", "'value'" },
        { "PUT", $"{Device}/1/0/1", """{"value":1e400}""", "'value'" },
        { "PUT", $"{Device}/3/0", """{"resources":5}""", "'resources'" },
        { "PUT", $"{Device}/3/0/14?replace=maybe", """{"value":"+01:00"}""", "replace" },
        { "POST", $"{Device}/3303", """{"resources":{},"instance_id":"x"}""", "instance_id" },
        { "POST", $"{Device}/3303", """{"resources":{},"instance_id":1e30}""", "instance_id" },
        { "POST", $"{Device}/3303", """{"instance_id":1}""", "'resources'" },
        { "POST", $"{Device}/3303", "", "body" },
        { "POST", $"{Device}/3/0/4", """{"args":1}""", "args" },
        { "PUT", $"{Device}/3303/0/5700/attributes", """{"pmin":"1"}""", "'pmin'" },
        { "PUT", $"{Device}/3303/0/5700/attributes", "[]", "attributes" },
        { "PUT", $"{Device}/3303/0/5700/attributes", "", "body" },
        { "GET", $"{Device}/3/0/0?format=xml", null, "'format'" },
        { "GET", $"{Device}/composite?paths=3/0", null, "'paths'" },
        { "GET", $"{Device}/3/x/1", null, "'x'" },
        { "GET", $"{Device}/abc/0/9", null, "'abc'" },
        { "GET", $"{Device}/65536/0/0", null, "65536" },
        { "GET", $"{Device}/3/65535", null, "65535" },
        { "GET", $"{Device}/3/0/0/0/0", null, "at most 4 levels" },
        { "PUT", $"{Device}/3/x/1", """{"value":1}""", "'x'" },
        { "POST", $"{Device}/3/0/0/0/0/observe", null, "at most 4 levels" },
        { "GET", $"{Device}/3/0/x/discover", null, "'x'" },
        { "GET", $"{Device}/3/0/0/bogus", null, "'bogus'" },
        { "GET", "/api/events?after=abc", null, "after" },
        { "GET", "/api/events?limit=99999999999", null, "limit" },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task MalformedRequest_IsABadRequestProblem_NamingTheField(string method, string url, string? body, string named)
    {
        var response = await SendAsync(method, url, body is null ? null : Encoding.UTF8.GetBytes(body));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, named);
    }

    public static TheoryData<string, string, string, string> InvalidUtf8Bodies => new()
    {
        { "PUT", $"{Device}/3/0/14", """{"value":"<bad>"}""", "'value'" },
        { "PUT", $"{Device}/3/0/14", """{"value":"\uD800"}""", "'value'" },
        { "PUT", $"{Device}/3/0", """{"resources":{"14":"<bad>"}}""", "'resources.14'" },
        { "PUT", $"{Device}/3/0", """{"resources":{"<bad>":"x"}}""", "a property name in 'resources'" },
        { "POST", $"{Device}/3303", """{"resources":{"5750":"<bad>"}}""", "'resources.5750'" },
        { "POST", $"{Device}/3/0/4", """{"args":"<bad>"}""", "args" },
        { "PUT", $"{Device}/3303/0/5700/attributes", """{"<bad>":1}""", "a property name" },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8Bodies))]
    public async Task BodyWithInvalidUtf8_IsABadRequestProblem_NamingTheField(string method, string url, string json, string named)
    {
        var response = await SendAsync(method, url, Lwm2mServerFixture.WithInvalidUtf8(json));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, named);
    }

    [Theory]
    [InlineData("POST", "3/0")]
    [InlineData("DELETE", "3/0/0")]
    [InlineData("PUT", "")]
    [InlineData("POST", "composite")]
    public async Task WellFormedPath_WithoutThatOperation_IsStillMethodNotAllowed(string method, string path)
    {
        var response = await SendAsync(method, $"{Device}/{path}", null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/devices")]
    [InlineData("/api/devices/")]
    [InlineData("/api/devices/unknown-device")]
    [InlineData("/api/devices/unknown-device/3/0/0")]
    public async Task PathsWithoutAMalformedLwm2mPath_KeepTheirAnswers(string url)
    {
        var response = await SendAsync("GET", url, null);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("/api/devices/{endpoint}/{objectId}/{instanceId}/{resourceId}", "put", "413")]
    [InlineData("/api/devices/{endpoint}/{objectId}/{instanceId}/{resourceId}", "get", "400")]
    [InlineData("/api/events", "get", "409")]
    public async Task OpenApiDocument_DeclaresTheProblems(string path, string method, string status)
    {
        var document = JsonDocument.Parse(await server.Http.GetStringAsync("/openapi/v1.json", Cancel)).RootElement;

        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        Assert.True(responses.TryGetProperty(status, out _), $"{method} {path} does not declare {status}: {responses}");
    }

    [Fact]
    public async Task BodyThatIsNotJson_IsAnUnsupportedMediaTypeProblem()
    {
        using var content = new StringContent("value=5", Encoding.UTF8, "text/plain");

        var response = await server.Http.PutAsync($"{Device}/3/0/14", content, Cancel);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "application/json");
    }

    [Fact]
    public async Task ResponseWithInvalidUtf8_FailsTheWaitingRequestAtOnce_WithABadGatewayProblem()
    {
        var started = Stopwatch.StartNew();
        var read = server.Http.GetAsync($"{Device}/3/0/0", Cancel);

        await server.AnswerNextRequestAsync(Lwm2mServerFixture.WithInvalidUtf8("""{"code":"2.05","format":"text","payload":"<bad>"}"""));
        var response = await read;

        await AssertProblemAsync(response, HttpStatusCode.BadGateway, "'payload'");
        Assert.True(started.Elapsed < Lwm2mServerFixture.RequestTimeout / 2, $"the request failed after {started.Elapsed}, not at once");
        Assert.Equal(1, await server.InvalidMessagesAsync("invalid_utf8"));
    }

    // The defect "Valid OMA paths are rejected": these answered 400 "has no resource" before the model had them.
    [Theory]
    [InlineData("/1/0/13")]
    [InlineData("/1/0/17")]
    [InlineData("/3303/0/6050")]
    public async Task ReadOfAResourceOfTheRegisteredObjectVersion_GoesToTheDevice(string path)
    {
        var read = server.Http.GetAsync($"{Device}{path}", Cancel);

        await server.AnswerNextRequestAsync("""{"code":"2.05","format":"text","payload":"1"}"""u8.ToArray());
        var response = await read;

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
    }

    [Theory]
    [InlineData("PUT", "/3/0/9", """{"value":50}""", "Battery Level")]
    [InlineData("PUT", "/3303/0/6050", """{"value":0.5}""", "Fractional Timestamp")]
    [InlineData("PUT", "/3/0", """{"resources":{"14":"+01:00","9":50}}""", "Battery Level")]
    [InlineData("POST", "/3/0/9", null, "Battery Level")]
    [InlineData("GET", "/3/0/4", null, "Reboot")]
    public async Task AnOperationTheModelDoesNotAllow_IsAMethodNotAllowedProblem_NamingTheResource(string method, string path, string? body, string named)
    {
        var response = await SendAsync(method, Device + path, body is null ? null : Encoding.UTF8.GetBytes(body));

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, named);
    }

    async Task<HttpResponseMessage> SendAsync(string method, string url, byte[]? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        return await server.Http.SendAsync(request, Cancel);
    }

    static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string named)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"not a problem: {response.Content.Headers.ContentType} {text}");
        var detail = JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString();
        Assert.Contains(named, detail, StringComparison.Ordinal);
    }
}
