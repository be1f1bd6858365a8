<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_TW">
<context>
    <name>ImportDialog</name>
    <message>
        <source>.xlsx 或 .csv（UTF-8、UTF-8 BOM 或 Big5）</source>
        <translation>.xlsx or .csv (UTF-8, UTF-8 with BOM or Big5)</translation>
    </message>
    <message>
        <source>Excel 或 CSV (*.xlsx *.csv)</source>
        <translation>Excel or CSV (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Excel 活頁簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>儲存標註錯誤的檔案</source>
        <translation>Save the file with errors marked</translation>
    </message>
    <message>
        <source>儲存標註錯誤的檔案(&amp;A)…</source>
        <translation>Save with errors m&amp;arked…</translation>
    </message>
    <message>
        <source>儲存範本</source>
        <translation>Save template</translation>
    </message>
    <message>
        <source>儲存範本(&amp;T)…</source>
        <translation>Save &amp;template…</translation>
    </message>
    <message>
        <source>匯入 Excel／CSV</source>
        <translation>Import Excel/CSV</translation>
    </message>
    <message>
        <source>匯入(&amp;I)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>匯入中…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>匯入完成：新增 %1、修改 %2、不變 %3。</source>
        <translation>Import done: %1 new, %2 changed, %3 unchanged.</translation>
    </message>
    <message>
        <source>匯入時發生未預期的錯誤，資料庫沒有任何變更：</source>
        <translation>An unexpected error stopped the import; the database was not changed: </translation>
    </message>
    <message>
        <source>取消中…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>取消執行(&amp;C)</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>同一個檔案欄位不可對應到兩個欄位；請更正。</source>
        <translation>One column of the file cannot feed two fields; please correct it.</translation>
    </message>
    <message>
        <source>對應欄位</source>
        <translation>Map columns</translation>
    </message>
    <message>
        <source>已儲存標註檔：</source>
        <translation>Marked file saved: </translation>
    </message>
    <message>
        <source>已取消，資料庫沒有任何變更。</source>
        <translation>Cancelled; the database was not changed.</translation>
    </message>
    <message>
        <source>有 %1 個錯誤，沒有寫入任何資料。</source>
        <translation>%1 errors; nothing was written.</translation>
    </message>
    <message>
        <source>檔案(&amp;F)：</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <source>檔案的欄位標題與範本不同；請確認每個欄位對應到檔案的哪一欄。（* 為必要欄位）這個對應會記住，下次同樣版面的檔案自動套用。</source>
        <translation>The file's column headers differ from the template; choose which column of the file holds each field (* = required). The mapping is remembered for files with the same layout.</translation>
    </message>
    <message>
        <source>檔案與資料庫相同，沒有需要匯入的變更。</source>
        <translation>The file matches the database; there is nothing to import.</translation>
    </message>
    <message>
        <source>無法儲存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>種類(&amp;K)：</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>範本已儲存：</source>
        <translation>Template saved: </translation>
    </message>
    <message>
        <source>試算中…</source>
        <translation>Checking (dry run)…</translation>
    </message>
    <message>
        <source>試算完成：新增 %1、修改 %2、不變 %3。按「匯入」寫入資料庫。</source>
        <translation>Dry run done: %1 new, %2 changed, %3 unchanged. Press Import to write them.</translation>
    </message>
    <message>
        <source>請先選擇要匯入的檔案。</source>
        <translation>Please choose the file to import first.</translation>
    </message>
    <message>
        <source>選擇檔案(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>選擇要匯入的檔案</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <source>還缺必要欄位：</source>
        <translation>Required fields still missing: </translation>
    </message>
    <message>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>預覽（試算）(&amp;P)</source>
        <translation>&amp;Preview (dry run)</translation>
    </message>
    <message>
        <source>（不匯入）</source>
        <translation>(do not import)</translation>
    </message>
    <message>
        <source>（第 %1 欄，無標題）</source>
        <translation>(column %1, no header)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%n 筆</source>
        <translation>%n rows</translation>
    </message>
    <message>
        <source>LXP Desktop %1
學生學習歷程檔案 — 註冊組的桌面程式</source>
        <translation>LXP Desktop %1
Student learning portfolios — the registrar office's desktop application</translation>
    </message>
    <message>
        <source>全部學期</source>
        <translation>All terms</translation>
    </message>
    <message>
        <source>學期</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>學期與班級(&amp;C)…</source>
        <translation>Terms and &amp;classes…</translation>
    </message>
    <message>
        <source>學期：</source>
        <translation>Term: </translation>
    </message>
    <message>
        <source>學校資料(&amp;S)…</source>
        <translation>&amp;School data…</translation>
    </message>
    <message>
        <source>學生學習歷程檔案</source>
        <translation>Student learning portfolios</translation>
    </message>
    <message>
        <source>工具(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>未設定共用資料庫</source>
        <translation>No shared database configured</translation>
    </message>
    <message>
        <source>檔案(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>結束(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>說明(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>資料庫：</source>
        <translation>Database: </translation>
    </message>
    <message>
        <source>關於 LXP Desktop</source>
        <translation>About LXP Desktop</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>儲存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RecordTab</name>
    <message>
        <source>共 %n 筆</source>
        <translation>%n rows</translation>
    </message>
    <message>
        <source>刪除(&amp;D)</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>搜尋：學號、姓名、班級或身分證統一編號</source>
        <translation>Search: student no., name, class or national ID</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New </translation>
    </message>
    <message>
        <source>新增(&amp;N)</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <source>無法刪除</source>
        <translation>Cannot delete</translation>
    </message>
    <message>
        <source>確定要刪除這筆資料嗎？
%1
刪除後仍保留在稽核紀錄中，可由管理者還原。</source>
        <translation>Delete this record?
%1
It stays in the audit log and an administrator can restore it.</translation>
    </message>
    <message>
        <source>確認刪除</source>
        <translation>Confirm deletion</translation>
    </message>
    <message>
        <source>編輯</source>
        <translation>Edit </translation>
    </message>
    <message>
        <source>編輯(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
</context>
<context>
    <name>SchoolDialog</name>
    <message>
        <source>學期</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>學期與班級</source>
        <translation>Terms and classes</translation>
    </message>
    <message>
        <source>學校資料</source>
        <translation>School data</translation>
    </message>
    <message>
        <source>搜尋</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>班級</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message>
        <source>Excel 活頁簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>匯入 Excel／CSV(&amp;I)…</source>
        <translation>&amp;Import Excel/CSV…</translation>
    </message>
    <message>
        <source>匯入學籍、課程、修課紀錄、幹部經歷或多元表現（先試算再寫入）</source>
        <translation>Import the roster, courses, course records, cadre records or diverse performances (preview first, then write)</translation>
    </message>
    <message>
        <source>匯出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>匯出中…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>匯出為 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>匯出目前分頁(&amp;E)…</source>
        <translation>&amp;Export current tab…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已匯出 %1 筆：%2</source>
        <translation>Exported %1 rows: %2</translation>
    </message>
    <message>
        <source>已取消匯出，沒有產生檔案。</source>
        <translation>Export cancelled; no file was written.</translation>
    </message>
    <message>
        <source>把目前分頁篩選後的資料匯出為 Excel（可再匯入）</source>
        <translation>Export the current tab's filtered rows to Excel (can be imported again)</translation>
    </message>
    <message>
        <source>無法匯出</source>
        <translation>Cannot export</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>參數錯誤：</source>
        <translation>Invalid arguments: </translation>
    </message>
    <message>
        <source>報告已寫入：</source>
        <translation>Report written to: </translation>
    </message>
    <message>
        <source>學生人數須在 1 到 5000 之間。</source>
        <translation>The number of students must be between 1 and 5000.</translation>
    </message>
    <message>
        <source>已中斷，未完成的工作沒有寫入。</source>
        <translation>Interrupted; nothing unfinished was written.</translation>
    </message>
    <message>
        <source>已匯出 %n 筆：</source>
        <translation>Exported %n rows: </translation>
    </message>
    <message>
        <source>找不到檔案：</source>
        <translation>File not found: </translation>
    </message>
    <message>
        <source>示範學校已建立於 %s</source>
        <translation>Demo school created in %s</translation>
    </message>
    <message>
        <source>請用 --help 查看用法。</source>
        <translation>See --help for usage.</translation>
    </message>
    <message>
        <source>資料庫：</source>
        <translation>Database: </translation>
    </message>
    <message>
        <source>輸出檔的副檔名必須是 .xlsx：</source>
        <translation>The output file must end in .xlsx: </translation>
    </message>
    <message>
        <source>輸出資料夾不存在：</source>
        <translation>The output folder does not exist: </translation>
    </message>
</context>
<context>
    <name>records</name>
    <message>
        <source>1 一年級</source>
        <translation>1 Grade 10</translation>
    </message>
    <message>
        <source>1 校級</source>
        <translation>1 School</translation>
    </message>
    <message>
        <source>1 男</source>
        <translation>1 Male</translation>
    </message>
    <message>
        <source>2 二年級</source>
        <translation>2 Grade 11</translation>
    </message>
    <message>
        <source>2 女</source>
        <translation>2 Female</translation>
    </message>
    <message>
        <source>2 班級</source>
        <translation>2 Class</translation>
    </message>
    <message>
        <source>3 三年級</source>
        <translation>3 Grade 12</translation>
    </message>
    <message>
        <source>3 社團</source>
        <translation>3 Club</translation>
    </message>
    <message>
        <source>4 實習</source>
        <translation>4 Internship</translation>
    </message>
    <message>
        <source>5 校外自治組織</source>
        <translation>5 Outside student organisation</translation>
    </message>
    <message>
        <source>9 其他</source>
        <translation>9 Other</translation>
    </message>
    <message>
        <source>一年一班</source>
        <translation>Class 1-1</translation>
    </message>
    <message>
        <source>主辦單位</source>
        <translation>Organiser</translation>
    </message>
    <message>
        <source>任課教師</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <source>休學</source>
        <translation>Suspended (休學)</translation>
    </message>
    <message>
        <source>作品成果紀錄</source>
        <translation>Works and results</translation>
    </message>
    <message>
        <source>修課別</source>
        <translation>Enrolment type</translation>
    </message>
    <message>
        <source>修課學分</source>
        <translation>Credits taken</translation>
    </message>
    <message>
        <source>修課紀錄</source>
        <translation>Course records</translation>
    </message>
    <message>
        <source>內容簡述</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>其他多元表現紀錄</source>
        <translation>Other performances</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>勾選提交</source>
        <translation>Selected for submission</translation>
    </message>
    <message>
        <source>原修</source>
        <translation>Regular</translation>
    </message>
    <message>
        <source>名稱</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>單位名稱</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>團體活動時間紀錄</source>
        <translation>Group activity time</translation>
    </message>
    <message>
        <source>在學</source>
        <translation>Enrolled (在學)</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>地點</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>外部連結</source>
        <translation>External link</translation>
    </message>
    <message>
        <source>多元表現</source>
        <translation>Diverse performances</translation>
    </message>
    <message>
        <source>大學及技專校院先修課程紀錄</source>
        <translation>University advanced-placement courses</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>學分數</source>
        <translation>Credits</translation>
    </message>
    <message>
        <source>學年度</source>
        <translation>School year</translation>
    </message>
    <message>
        <source>學期</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>學期學業成績</source>
        <translation>Term grade</translation>
    </message>
    <message>
        <source>學期結束日期</source>
        <translation>Term end</translation>
    </message>
    <message>
        <source>學期開始日期</source>
        <translation>Term start</translation>
    </message>
    <message>
        <source>學校代碼</source>
        <translation>School code</translation>
    </message>
    <message>
        <source>學校名稱</source>
        <translation>School name</translation>
    </message>
    <message>
        <source>學校資料</source>
        <translation>School data</translation>
    </message>
    <message>
        <source>學生基本資料</source>
        <translation>Students</translation>
    </message>
    <message>
        <source>學籍狀態</source>
        <translation>Enrolment status</translation>
    </message>
    <message>
        <source>學籍異動日期</source>
        <translation>Status change date</translation>
    </message>
    <message>
        <source>學號</source>
        <translation>Student no.</translation>
    </message>
    <message>
        <source>導師</source>
        <translation>Homeroom teacher</translation>
    </message>
    <message>
        <source>帳號或姓名</source>
        <translation>Username or name</translation>
    </message>
    <message>
        <source>年級</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>幹部等級</source>
        <translation>Cadre level</translation>
    </message>
    <message>
        <source>幹部經歷</source>
        <translation>Cadre records</translation>
    </message>
    <message>
        <source>幹部經歷暨事蹟紀錄</source>
        <translation>Cadre positions and deeds</translation>
    </message>
    <message>
        <source>座號</source>
        <translation>Seat no.</translation>
    </message>
    <message>
        <source>延修</source>
        <translation>Extended study (延修)</translation>
    </message>
    <message>
        <source>彈性學習時間紀錄</source>
        <translation>Flexible learning time</translation>
    </message>
    <message>
        <source>復學</source>
        <translation>Resumed (復學)</translation>
    </message>
    <message>
        <source>性別</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>成果名稱</source>
        <translation>Outcome title</translation>
    </message>
    <message>
        <source>成果簡述</source>
        <translation>Outcome summary</translation>
    </message>
    <message>
        <source>成績及格</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>採計學分</source>
        <translation>Credit counted</translation>
    </message>
    <message>
        <source>擔任職務</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>是否採計學分</source>
        <translation>Credit counted</translation>
    </message>
    <message>
        <source>時數</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>時間</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>服務學習紀錄</source>
        <translation>Service learning</translation>
    </message>
    <message>
        <source>校內</source>
        <translation>In school</translation>
    </message>
    <message>
        <source>校內／校外</source>
        <translation>In / outside school</translation>
    </message>
    <message>
        <source>校外</source>
        <translation>Outside school</translation>
    </message>
    <message>
        <source>檢定證照紀錄</source>
        <translation>Certificates and licences</translation>
    </message>
    <message>
        <source>班級</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>班級、社團或學生會</source>
        <translation>Class, club or student council</translation>
    </message>
    <message>
        <source>班級代碼</source>
        <translation>Class code</translation>
    </message>
    <message>
        <source>班級名稱</source>
        <translation>Class name</translation>
    </message>
    <message>
        <source>畢業</source>
        <translation>Graduated (畢業)</translation>
    </message>
    <message>
        <source>監護人</source>
        <translation>Guardian</translation>
    </message>
    <message>
        <source>科目名稱</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>空白時取課程學分數</source>
        <translation>Blank: the course's credits</translation>
    </message>
    <message>
        <source>競賽參與紀錄</source>
        <translation>Competitions</translation>
    </message>
    <message>
        <source>第1學期</source>
        <translation>Term 1</translation>
    </message>
    <message>
        <source>第2學期</source>
        <translation>Term 2</translation>
    </message>
    <message>
        <source>等級</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>結束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>結果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>聯絡電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>職場學習紀錄</source>
        <translation>Workplace learning</translation>
    </message>
    <message>
        <source>補修</source>
        <translation>Make-up course (補修)</translation>
    </message>
    <message>
        <source>補考及格</source>
        <translation>Resit passed</translation>
    </message>
    <message>
        <source>補考成績</source>
        <translation>Resit grade</translation>
    </message>
    <message>
        <source>註冊組聯絡人</source>
        <translation>Registrar contact</translation>
    </message>
    <message>
        <source>註冊組電子郵件</source>
        <translation>Registrar e-mail</translation>
    </message>
    <message>
        <source>註冊組電話</source>
        <translation>Registrar phone</translation>
    </message>
    <message>
        <source>認證狀態</source>
        <translation>Certification</translation>
    </message>
    <message>
        <source>課程</source>
        <translation>Courses</translation>
    </message>
    <message>
        <source>課程代碼</source>
        <translation>Course code</translation>
    </message>
    <message>
        <source>課程學習成果</source>
        <translation>Course learning outcomes</translation>
    </message>
    <message>
        <source>課程學習成果認證截止日</source>
        <translation>Certification deadline</translation>
    </message>
    <message>
        <source>課程諮詢教師</source>
        <translation>Course consultant</translation>
    </message>
    <message>
        <source>課程諮詢紀錄</source>
        <translation>Course consultations</translation>
    </message>
    <message>
        <source>課程類別</source>
        <translation>Course category</translation>
    </message>
    <message>
        <source>諮詢內容</source>
        <translation>Consultation content</translation>
    </message>
    <message>
        <source>諮詢意見</source>
        <translation>Consultant's opinion</translation>
    </message>
    <message>
        <source>質性文字描述</source>
        <translation>Qualitative description</translation>
    </message>
    <message>
        <source>身分證統一編號</source>
        <translation>National ID</translation>
    </message>
    <message>
        <source>轉入</source>
        <translation>Transferred in (轉入)</translation>
    </message>
    <message>
        <source>轉出</source>
        <translation>Transferred out (轉出)</translation>
    </message>
    <message>
        <source>轉學轉科</source>
        <translation>Transfer credit (轉學轉科)</translation>
    </message>
    <message>
        <source>退學</source>
        <translation>Withdrawn (退學)</translation>
    </message>
    <message>
        <source>通訊地址</source>
        <translation>Mailing address</translation>
    </message>
    <message>
        <source>郵遞區號</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>重修</source>
        <translation>Retake (重修)</translation>
    </message>
    <message>
        <source>重讀</source>
        <translation>Repeat year (重讀)</translation>
    </message>
    <message>
        <source>開始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>開課年級</source>
        <translation>Grade offered</translation>
    </message>
    <message>
        <source>電子郵件</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>類別</source>
        <translation>Category</translation>
    </message>
</context>
</TS>
