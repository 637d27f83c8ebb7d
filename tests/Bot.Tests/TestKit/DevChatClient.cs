using System.Net.Http.Json;
using System.Text.Json;

namespace ProductOps.Bot.Tests.TestKit;

/// <summary>Talks to the dev chat JSON API as the page does, and reads answers as JSON documents.</summary>
public sealed class DevChatClient(HttpClient http)
{
    public HttpClient Http => http;

    public Task<HttpResponseMessage> SayAsync(string user, string text, string? channel = null) =>
        http.PostAsJsonAsync("/devchat/api/messages", new { user, text, channel });

    public Task<HttpResponseMessage> PressAsync(string user, string actionId, string? value = null) =>
        http.PostAsJsonAsync("/devchat/api/actions", new { user, actionId, value });

    public Task<HttpResponseMessage> SubmitAsync(string user, string formId, object values, string? state = null) =>
        http.PostAsJsonAsync("/devchat/api/forms", new { user, formId, values, state });

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetJsonAsync(string path) => await JsonAsync(await http.GetAsync(path));
}
