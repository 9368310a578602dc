namespace MeetingAssist.Host.People;

/// <summary>What a person is at the meeting; decides the turn kind they get and how they are shown.</summary>
public enum PersonRole { Citizen, Official, Delegate, Responder, Chair }
