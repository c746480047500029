package main

import (
	"sendqa/domain/audit"
	"sendqa/domain/catalogue"
	"sendqa/domain/moderation"
	"sendqa/domain/store"
)

// feedbackRule is the moderation service as the job workers run it, to
// send a poor result's findings to the services that contributed.
func feedbackRule(instruments catalogue.Service, trail audit.Recorder) moderation.Service {
	return moderation.Service{Store: store.Moderations{}, Rounds: store.Rounds{}, Instruments: instruments,
		Notices: store.Responses{}, Trail: trail}
}
