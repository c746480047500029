package api

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"sendqa/domain/catalogue"
	"sendqa/domain/instrument"
)

// ShareRequest shares an instrument.
type ShareRequest struct {
	Scope string `json:"scope" enums:"region,all" example:"region"`
	// InstrumentVersion is the one published version to share; left out,
	// every published version, present and future, is shared.
	InstrumentVersion int `json:"instrument_version,omitempty" example:"1"`
} // @name ShareRequest

// ShareResponse is one share of an instrument.
type ShareResponse struct {
	ID           string `json:"id" format:"uuid"`
	InstrumentID string `json:"instrument_id" format:"uuid"`
	Scope        string `json:"scope" enums:"region,all" example:"region"`
	// InstrumentVersion is null when every published version is shared.
	InstrumentVersion *int       `json:"instrument_version" example:"1"`
	CreatedAt         time.Time  `json:"created_at"`
	WithdrawnAt       *time.Time `json:"withdrawn_at"`
	Version           int        `json:"version" example:"1"`
} // @name ShareResponse

// ShareList is every share of an instrument, newest first.
type ShareList struct {
	Items []ShareResponse `json:"items"`
	// NextCursor is always null: an instrument has few shares.
	NextCursor *string `json:"next_cursor"`
} // @name ShareList

// InstrumentOwner names the area a shared instrument belongs to.
type InstrumentOwner struct {
	Tenant     string `json:"tenant" example:"dudley"`
	TenantName string `json:"tenant_name" example:"Dudley"`
} // @name InstrumentOwner

// LocalLayerRequest starts using a shared version with local items.
type LocalLayerRequest struct {
	// InstrumentVersion is the shared version to use; left out, the one
	// published now.
	InstrumentVersion int    `json:"instrument_version,omitempty" example:"1"`
	Title             string `json:"title,omitempty" example:"Our local questions"`
	// Items are items as in a definition's section; see
	// /api/v1/instrument-schema. Problems are reported as items[0].label.
	Items json.RawMessage `json:"items,omitempty" swaggertype:"array,object"`
} // @name LocalLayerRequest

// AdoptRequest makes a copy of a shared or built-in instrument.
type AdoptRequest struct {
	// InstrumentVersion is the version to copy; left out, the one
	// published now.
	InstrumentVersion int `json:"instrument_version,omitempty" example:"1"`
	// Key is the copy's key; left out, the original's.
	Key string `json:"key,omitempty" example:"health_advice_quality"`
} // @name AdoptRequest

// InstrumentUseResponse is a shared version the area uses: as it is with
// a local layer, or adopted as its own copy.
type InstrumentUseResponse struct {
	ID                 string          `json:"id" format:"uuid"`
	Kind               string          `json:"kind" enums:"layer,adopted" example:"layer"`
	Owner              InstrumentOwner `json:"owner"`
	SourceInstrumentID string          `json:"source_instrument_id" format:"uuid"`
	Key                string          `json:"key" example:"health_advice_quality"`
	InstrumentVersion  int             `json:"instrument_version" example:"1"`
	// Definition is a layer's whole form, the shared core and the local
	// section; null for an adoption.
	Definition json.RawMessage `json:"definition" swaggertype:"object"`
	// AdoptedInstrumentID is an adoption's own copy; null for a layer.
	AdoptedInstrumentID *string   `json:"adopted_instrument_id" format:"uuid"`
	CreatedAt           time.Time `json:"created_at"`
} // @name InstrumentUseResponse

// InstrumentUseList is a page of uses, newest first.
type InstrumentUseList struct {
	Items      []InstrumentUseResponse `json:"items"`
	NextCursor *string                 `json:"next_cursor"`
} // @name InstrumentUseList

func shareResponse(sh catalogue.Share) ShareResponse {
	out := ShareResponse{ID: sh.ID.String(), InstrumentID: sh.InstrumentID.String(),
		Scope: string(sh.Scope), CreatedAt: sh.CreatedAt.UTC(), WithdrawnAt: optionalTime(sh.WithdrawnAt),
		Version: sh.Revision}
	if sh.VersionNumber > 0 {
		n := sh.VersionNumber
		out.InstrumentVersion = &n
	}
	return out
}

func sharedSummary(sh catalogue.SharedInstrument) InstrumentSummary {
	out := instrumentSummary(sh.Instrument)
	out.Owner = &InstrumentOwner{Tenant: sh.Owner.Slug, TenantName: sh.Owner.Name}
	out.SharedVersion = sh.SharedVersion
	newer := sh.NewerVersionAvailable()
	out.NewerVersionAvailable = &newer
	if sh.UsedVersion > 0 {
		used := sh.UsedVersion
		out.UsedVersion = &used
	}
	return out
}

func useResponse(u catalogue.Use) (InstrumentUseResponse, error) {
	out := InstrumentUseResponse{ID: u.ID.String(), Kind: string(u.Kind),
		Owner:              InstrumentOwner{Tenant: u.Source.Slug, TenantName: u.Source.Name},
		SourceInstrumentID: u.SourceInstrumentID.String(), Key: u.Key, InstrumentVersion: u.Version,
		Definition: json.RawMessage("null"), AdoptedInstrumentID: optionalID(u.AdoptedInstrumentID),
		CreatedAt: u.CreatedAt.UTC()}
	if u.Kind == catalogue.UseLayer {
		def, err := instrument.MarshalDefinition(u.Definition)
		if err != nil {
			return InstrumentUseResponse{}, err
		}
		out.Definition = def
	}
	return out, nil
}

// shareInstrument shares one of the area's instruments with its region or
// with every area.
//
//	@Summary	Share an instrument
//	@Tags		instruments
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string			true	"Tenant slug"
//	@Param		key				path		string			true	"Instrument key, or the id of the area's own instrument"
//	@Param		Idempotency-Key	header		string			false	"Replays the first response for 24 hours"
//	@Param		body			body		ShareRequest	true	"Whom to share with"
//	@Success	201				{object}	ShareResponse
//	@Header		201				{string}	ETag	"The share's version"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem	"Not allowed, or another area's instrument"
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem	"Built in, the area belongs to no region, or the same share is in force"
//	@Failure	413				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments/{key}/shares [post]
func (s *Server) shareInstrument(c echo.Context) error {
	var req ShareRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	sh, err := s.catalogue.ShareInstrument(c.Request().Context(), c.Param("key"), catalogue.Share{
		Scope: catalogue.ShareScope(req.Scope), VersionNumber: req.InstrumentVersion})
	if err != nil {
		return err
	}
	setETag(c, sh.Revision)
	return c.JSON(http.StatusCreated, shareResponse(sh))
}

// listInstrumentShares lists the shares of one of the area's instruments,
// withdrawn ones included.
//
//	@Summary	List an instrument's shares
//	@Tags		instruments
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		key		path		string	true	"Instrument key, or the id of the area's own instrument"
//	@Success	200		{object}	ShareList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem	"Not allowed, or another area's instrument"
//	@Failure	404		{object}	Problem
//	@Failure	409		{object}	Problem	"A built-in instrument"
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments/{key}/shares [get]
func (s *Server) listInstrumentShares(c echo.Context) error {
	shares, err := s.catalogue.ListShares(c.Request().Context(), c.Param("key"))
	if err != nil {
		return err
	}
	out := ShareList{Items: make([]ShareResponse, len(shares))}
	for i, sh := range shares {
		out.Items[i] = shareResponse(sh)
	}
	return c.JSON(http.StatusOK, out)
}

// withdrawInstrumentShare withdraws a share: nobody may start using the
// instrument through it again; what others use or adopted stays theirs.
//
//	@Summary	Withdraw a share
//	@Tags		instruments
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		key			path		string	true	"Instrument key, or the id of the area's own instrument"
//	@Param		id			path		string	true	"Share id"	format(uuid)
//	@Param		If-Match	header		string	true	"The share's ETag"
//	@Success	200			{object}	ShareResponse
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Already withdrawn"
//	@Failure	412			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments/{key}/shares/{id} [delete]
func (s *Server) withdrawInstrumentShare(c echo.Context) error {
	id, err := pathID(c, "id", "share")
	if err != nil {
		return err
	}
	revision, err := ifMatch(c)
	if err != nil {
		return err
	}
	sh, err := s.catalogue.WithdrawShare(c.Request().Context(), c.Param("key"), id, revision)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, shareResponse(sh))
}

// addLocalLayer starts using another area's shared version as it is, with
// the area's own items in a local section. The core cannot change.
//
//	@Summary	Use a shared instrument with local items
//	@Tags		instruments
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string				true	"Tenant slug"
//	@Param		key				path		string				true	"The id of a shared instrument"
//	@Param		Idempotency-Key	header		string				false	"Replays the first response for 24 hours"
//	@Param		body			body		LocalLayerRequest	true	"The version and the local items"
//	@Success	201				{object}	InstrumentUseResponse
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem	"The area's own or a built-in instrument, or a version not published now"
//	@Failure	413				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem	"Problems by path, such as items[0].label"
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments/{key}/local-layers [post]
func (s *Server) addLocalLayer(c echo.Context) error {
	var req LocalLayerRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	u, err := s.catalogue.AddLocalLayer(c.Request().Context(), c.Param("key"), req.InstrumentVersion,
		req.Title, req.Items)
	if err != nil {
		return err
	}
	out, err := useResponse(u)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, out)
}

// adoptInstrument makes the area its own draft copy of a shared or
// built-in instrument; the copy's definition remembers where it came from
// in derived_from.
//
//	@Summary	Adopt a copy of an instrument
//	@Tags		instruments
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string			true	"Tenant slug"
//	@Param		key				path		string			true	"A built-in key, or the id of a shared instrument"
//	@Param		Idempotency-Key	header		string			false	"Replays the first response for 24 hours"
//	@Param		body			body		AdoptRequest	true	"The version and the copy's key"
//	@Success	201				{object}	InstrumentVersionResponse
//	@Header		201				{string}	ETag		"The copy's revision"
//	@Header		201				{string}	Location	"The copy"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem	"The key is taken, or the instrument is the area's own"
//	@Failure	413				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments/{key}/adopt [post]
func (s *Server) adoptInstrument(c echo.Context) error {
	var req AdoptRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	v, err := s.catalogue.AdoptInstrument(c.Request().Context(), c.Param("key"), req.InstrumentVersion,
		req.Key)
	if err != nil {
		return err
	}
	return writeVersion(c, http.StatusCreated, v)
}

// listInstrumentUses lists the shared versions the area uses or adopted.
// They stay listed after the owner withdraws its share.
//
//	@Summary	List the shared instruments the area uses
//	@Tags		instruments
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		limit	query		int		false	"Page size (1 to 200)"
//	@Param		cursor	query		string	false	"Cursor from the previous page"
//	@Success	200		{object}	InstrumentUseList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instrument-uses [get]
func (s *Server) listInstrumentUses(c echo.Context) error {
	p, err := pageParams(c)
	if err != nil {
		return err
	}
	list, err := s.catalogue.ListUses(c.Request().Context(), p)
	if err != nil {
		return err
	}
	out := InstrumentUseList{Items: make([]InstrumentUseResponse, len(list.Items))}
	for i, u := range list.Items {
		if out.Items[i], err = useResponse(u); err != nil {
			return err
		}
	}
	if list.NextCursor != "" {
		out.NextCursor = &list.NextCursor
	}
	return c.JSON(http.StatusOK, out)
}
