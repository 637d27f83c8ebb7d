using System.Text.Json.Nodes;

namespace ProductOps.Bot.Tests.Teams.TestKit;

/// <summary>
/// <c>fileConsent/invoke</c> activities as Teams sends them when a person answers a file consent card
/// (shape from the Teams bot file documentation), from <see cref="TeamsParts.Rido"/> in his 1:1 chat.
/// </summary>
public static class FileConsentInvokes
{
    public static JsonObject Accept(string activityId, string? fileId, string uploadUrl) =>
        Answer(activityId, "accept", fileId, new JsonObject
        {
            ["contentUrl"] = "https://contoso.sharepoint.com/personal/rido_contoso_com/Documents/Applications/feedback.csv",
            ["name"] = "feedback.csv",
            ["uploadUrl"] = uploadUrl,
            ["uniqueId"] = "1150D938-8870-4044-9F2C-5BBDEBA70C8C",
            ["fileType"] = "csv",
            ["etag"] = "123",
        });

    public static JsonObject Decline(string activityId, string? fileId) => Answer(activityId, "decline", fileId, null);

    private static JsonObject Answer(string activityId, string action, string? fileId, JsonObject? uploadInfo)
    {
        var invoke = TeamsFixture.Json("invoke_adaptiveCard_action.json");
        invoke["id"] = activityId;
        invoke["name"] = "fileConsent/invoke";
        invoke["serviceUrl"] = TeamsParts.ServiceUrl;
        invoke["from"] = new JsonObject { ["id"] = "29:rido", ["name"] = "Rido", ["aadObjectId"] = TeamsParts.Rido.UserId };
        invoke["conversation"] = new JsonObject { ["id"] = TeamsParts.PersonalChat, ["conversationType"] = "personal", ["tenantId"] = TeamsParts.Tenant };
        invoke["channelData"]!["tenant"]!["id"] = TeamsParts.Tenant;
        var value = new JsonObject
        {
            ["type"] = "fileUpload",
            ["action"] = action,
            ["context"] = fileId is null ? new JsonObject() : new JsonObject { ["file"] = fileId },
        };
        if (uploadInfo is not null)
        {
            value["uploadInfo"] = uploadInfo;
        }

        invoke["value"] = value;
        return invoke;
    }
}
