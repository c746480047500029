package main

import (
	"sendqa/domain/audit"
	"sendqa/domain/catalogue"
	"sendqa/domain/moderation"
	"sendqa/domain/response"
	"sendqa/domain/store"
)

// feedbackRule is the moderation service as the job workers run it, to
// send a poor result's findings to the services that contributed.
func feedbackRule(
	instruments catalogue.Service,
	notices response.Service,
	jobs moderation.Jobs,
	trail audit.Recorder,
) moderation.Service {
	return moderation.Service{Store: store.Moderations{}, Rounds: store.Rounds{},
		Instruments: instruments, Notices: notices, Jobs: jobs, Trail: trail}
}
